import type { MiddlewareHandler } from 'hono';
import type { Core } from './core.js';
import type { Role } from './ports.js';
import { atLeast } from './roles.js';
import { isDataUrl } from './session.js';
import type { DashEnv } from './types.js';

/** Refuses users below `role`: a 403 page, or a plain 403 for data URLs. */
export function requireRole(core: Core, role: Role): MiddlewareHandler<DashEnv> {
  return async (c, next) => {
    const session = c.get('session');
    if (atLeast(session.user, role)) return next();
    if (isDataUrl(c.req.path)) return c.text(core.t('errors.forbidden'), 403);
    return core.errorPage(c, session, 403, core.t('errors.forbidden'));
  };
}

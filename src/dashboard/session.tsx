/**
 * Sessions: the cookie, reading it on each request, and the CSRF check on every POST. Cookies are
 * HttpOnly (no script reads them), SameSite=Lax (not sent on cross-site posts) and Secure whenever
 * PUBLIC_URL is https; the path keeps them to the dashboard (BASE).
 */
import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { Core } from './core.js';
import { BASE, href } from './paths.js';
import { TOKEN_PATTERN, randomToken, sameSecret, sha256Hex } from './security.js';
import type { DashEnv } from './types.js';

export const SESSION_COOKIE = 'avrr_session';
/** The pre-sign-in CSRF token of the sign-in form (double submit: cookie and hidden field). */
export const LOGIN_COOKIE = 'avrr_login';

const cookieBase = (core: Core) => ({ httpOnly: true, sameSite: 'Lax' as const, secure: core.secure, path: BASE });

/** Signs the browser in; `linkIssuedBy`: who issued the link it used, when not the user (see links.ts). */
export async function startSession(c: Context, core: Core, userId: string, linkIssuedBy: string | null): Promise<void> {
  const id = randomToken();
  const now = core.now();
  const expiresAt = new Date(now.getTime() + core.deps.env.ADMIN_SESSION_HOURS * 3_600_000);
  await core.deps.stores.auth.createSession({ idHash: await sha256Hex(id), userId, csrf: randomToken(), expiresAt, linkIssuedBy }, now);
  setCookie(c, SESSION_COOKIE, id, { ...cookieBase(core), expires: expiresAt });
}

export async function endSession(c: Context, core: Core): Promise<void> {
  const id = getCookie(c, SESSION_COOKIE);
  if (id && TOKEN_PATTERN.test(id)) await core.deps.stores.auth.deleteSession(await sha256Hex(id));
  deleteCookie(c, SESSION_COOKIE, cookieBase(core));
}

export function setLoginCookie(c: Context, core: Core, value: string): void {
  setCookie(c, LOGIN_COOKIE, value, { ...cookieBase(core), path: href('/login'), maxAge: 30 * 60 });
}

/** URLs that answer with data rather than a page: no redirect for them, a plain 401. */
export function isDataUrl(path: string): boolean {
  return /\.(csv|json)$/.test(path) || path.startsWith(href('/api/'));
}

/**
 * Everything registered after this needs a signed-in user: pages redirect to the sign-in page,
 * data URLs answer 401, and a POST without the session's CSRF token is refused.
 */
export function requireSession(core: Core): MiddlewareHandler<DashEnv> {
  return async (c, next) => {
    const id = getCookie(c, SESSION_COOKIE);
    const session = id && TOKEN_PATTERN.test(id) ? await core.deps.stores.auth.session(await sha256Hex(id), core.now()) : null;
    if (!session) {
      if (id) deleteCookie(c, SESSION_COOKIE, cookieBase(core));
      if (isDataUrl(c.req.path)) return c.text(core.t('errors.sign_in_first'), 401, { 'www-authenticate': 'Cookie realm="admin"' });
      return c.redirect(href('/login'), 303);
    }
    c.set('session', session);
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') {
      const body = await c.req.parseBody();
      const sent = typeof body['_csrf'] === 'string' ? body['_csrf'] : (c.req.header('x-csrf-token') ?? '');
      if (!sameSecret(sent, session.csrf)) {
        return core.errorPage(c, session, 403, core.t('errors.csrf'));
      }
    }
    await next();
  };
}

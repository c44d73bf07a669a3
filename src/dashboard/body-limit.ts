/**
 * Every request body under the dashboard is bounded before anything reads it (the sign-in form is
 * open to anyone, and parseBody would otherwise read gigabytes into memory). A body announced larger
 * than its route's limit is refused unread; one without a length is read only up to the limit.
 *
 * The limits come from the largest legitimate forms, counted at the worst case of a script whose
 * characters take three bytes in UTF-8 and nine once percent-encoded (`%E0%A4%95`):
 * - a case note, 4,000 characters: 36,000 bytes, so 40 KiB;
 * - everything else is far smaller: a service entry at every field's maximum (120 + 200 + 500 + 300
 *   characters) is about 10 KB, a destination entry or a status reason (500 characters) about 4.5 KB.
 */
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { Core } from './core.js';
import { BASE } from './paths.js';
import { isDataUrl } from './session.js';

export const FORM_LIMIT = 16 * 1024;

/** Routes whose forms need more than FORM_LIMIT. */
const LARGER: ReadonlyArray<readonly [RegExp, number]> = [[new RegExp(`^${BASE}/cases/[^/]+/notes$`), 40 * 1024]];

/** The most a request to `path` may carry. */
export function bodyLimitFor(path: string): number {
  return LARGER.find(([pattern]) => pattern.test(path))?.[1] ?? FORM_LIMIT;
}

/** 413 for a body over its route's limit: the error page, or plain text on data URLs. */
export function limitBodies(core: Core): MiddlewareHandler {
  return (c, next) =>
    bodyLimit({
      maxSize: bodyLimitFor(c.req.path),
      onError: (c) => (isDataUrl(c.req.path) ? c.text(core.t('errors.too_large'), 413) : core.errorPage(c, null, 413, core.t('errors.too_large'))),
    })(c, next);
}

/**
 * Security headers through Hono's `secureHeaders`: one policy per kind of page, the rest of its
 * defaults (nosniff, no referrer, same-origin resource and opener policies, no DNS prefetch, …) for
 * every answer. Pages hold sign-in links and conversations: never framed, no referrer, and, once
 * served over https, kept to https by the browser for a year.
 */
import type { MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';

/**
 * A year: browsers keep to https, so no sign-in link or session cookie travels in clear after a
 * downgrade. Not `includeSubDomains`: other hosts of the organisation's domain may not serve https.
 */
export const HSTS = 'max-age=31536000';

type Sources = string[];
export interface ContentPolicy {
  scriptSrc?: Sources;
  styleSrc?: Sources;
  connectSrc?: Sources;
  imgSrc?: Sources;
  formAction?: Sources;
}

/** Only what a page names may load; nothing from elsewhere, no plugins, no base rewriting, no framing. */
function policy(allowed: ContentPolicy) {
  return { defaultSrc: ["'none'"], baseUri: ["'none'"], frameAncestors: ["'none'"], ...allowed };
}

/**
 * The headers for a group of routes. `https`: the service is reached over https (PUBLIC_URL), so
 * Strict-Transport-Security is sent; over plain http it would be ignored, or pin a test host.
 * `overwrite: false` keeps what a more specific group already set (the app-wide default runs last).
 */
export function securityHeaders(allowed: ContentPolicy, options: { https: boolean; overwrite?: boolean }): MiddlewareHandler {
  return secureHeaders({
    contentSecurityPolicy: policy(allowed),
    strictTransportSecurity: options.https ? HSTS : false,
    xFrameOptions: 'DENY',
    referrerPolicy: 'no-referrer',
    permissionsPolicy: { camera: [], microphone: [], geolocation: [], payment: [] },
    overwrite: options.overwrite ?? true,
  });
}

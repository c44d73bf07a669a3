/**
 * Where the dashboard lives. Every link, redirect, form action, cookie path and sign-in URL is made
 * from this one constant, so moving the dashboard (its own host, another prefix) is one change here
 * and one in the composition root that mounts it.
 */
export const BASE = '/admin';

/**
 * A dashboard URL from a route path and path segments, each segment URL-encoded:
 * `href()` is `/admin`, `href('/cases', reference)` is `/admin/cases/AVR-2026-000001`,
 * `href('/users', id, 'link')` is `/admin/users/<id>/link`.
 */
export function href(path: '' | `/${string}` = '', ...segments: string[]): string {
  return BASE + path + segments.map((s) => `/${encodeURIComponent(s)}`).join('');
}

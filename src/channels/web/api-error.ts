import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

export type ApiErrorCode =
  | 'bad_json'
  | 'bad_request'
  | 'bad_token'
  | 'token_in_url'
  | 'unknown_language'
  | 'too_large'
  | 'internal';

/** The one shape of every API error: `{ error: { code, message } }`. */
export function apiError(c: Context, status: ContentfulStatusCode, code: ApiErrorCode, message: string): Response {
  c.header('cache-control', 'no-store');
  return c.json({ error: { code, message } }, status);
}

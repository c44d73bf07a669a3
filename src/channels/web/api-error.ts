import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { sendError } from '../../http/errors.js';

export type ApiErrorCode =
  | 'bad_json'
  | 'bad_request'
  | 'bad_token'
  | 'token_in_url'
  | 'unknown_language'
  | 'too_large'
  | 'internal'
  | 'rate_limited'
  | 'unsupported_media_type';

/** The web chat API's errors, in the service's one error shape (src/http/errors.ts). */
export function apiError(c: Context, status: ContentfulStatusCode, code: ApiErrorCode, message: string): Response {
  return sendError(c, status, code, message);
}

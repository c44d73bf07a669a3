/**
 * The one shape of every HTTP error the service answers to a program (web chat API, webhooks):
 * `{ "error": { "code", "message" } }`, and the one place that maps thrown errors to responses.
 * A caller's mistake keeps its 4xx status; anything else is ours, logged, and a plain 500.
 */
import type { Context, Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Logger } from '../log.js';

export interface ErrorBody {
  error: { code: string; message: string };
}

export function errorBody(code: string, message: string): ErrorBody {
  return { error: { code, message } };
}

/** An error response, without a context (webhook handlers that answer a Request). */
export function errorResponse(status: ContentfulStatusCode, code: string, message: string, headers: Record<string, string> = {}): Response {
  return Response.json(errorBody(code, message), { status, headers: { 'cache-control': 'no-store', ...headers } });
}

/** An error response in a Hono handler. */
export function sendError(c: Context, status: ContentfulStatusCode, code: string, message: string): Response {
  c.header('cache-control', 'no-store');
  return c.json(errorBody(code, message), status);
}

/** A caller's mistake thrown from deep inside a handler: answered with its status and code. */
export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Not-found and error handling for the whole app (sub-apps leave errors to this). */
export function registerErrors(app: Hono, log: Logger): void {
  app.notFound((c) => sendError(c, 404, 'not_found', 'no such route'));
  app.onError((error, c) => {
    if (error instanceof ApiError) return sendError(c, error.status, error.code, error.message);
    // A stream error a reading route passed on wrapped (the body backstop's 413, see body-limit.ts).
    if (error instanceof Error && error.cause instanceof ApiError) return sendError(c, error.cause.status, error.cause.code, error.cause.message);
    if (error instanceof HTTPException && error.status < 500) {
      return sendError(c, error.status as ContentfulStatusCode, 'bad_request', error.message);
    }
    log.log('error', 'request failed', { path: c.req.path, error: error instanceof Error ? error.stack : String(error) });
    return sendError(c, 500, 'internal', 'something went wrong on our side; try again');
  });
}

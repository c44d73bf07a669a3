import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { errorResponse } from '../../http/errors.js';
import { SECRET_HEADER, secretMatches } from './secret.js';
import { updateSchema } from './update-schema.js';

export const WEBHOOK_PATH = '/telegram/webhook';
/** Updates are small; anything this big is not one. */
const MAX_BODY_BYTES = 1024 * 1024;

export interface WebhookDeps {
  secret: string | undefined;
  /** grammY's webhook callback ("std/http" adapter): a Request in, a Response out. */
  handle(request: Request): Promise<Response>;
}

const refuse = (status: ContentfulStatusCode, code: string, message: string): Response => errorResponse(status, code, message);

/**
 * `POST /telegram/webhook`: the secret header first (401, nothing read), then the body (400 unless
 * it is an update), then grammY. An update handled gets a 2xx; a failure of ours goes to the app's
 * error handler (5xx), so Telegram delivers it again.
 */
export function webhookRoutes(deps: WebhookDeps): Hono {
  const app = new Hono();
  app.post(
    WEBHOOK_PATH,
    async (c, next) => {
      if (!(await secretMatches(c.req.header(SECRET_HEADER), deps.secret))) {
        return refuse(401, 'unauthorized', 'missing or wrong secret token');
      }
      await next();
    },
    bodyLimit({ maxSize: MAX_BODY_BYTES, onError: () => refuse(413, 'too_large', 'the body is too large for an update') }),
    async (c) => {
      const text = await c.req.text();
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        return refuse(400, 'bad_json', 'the body is not valid JSON');
      }
      if (!updateSchema.safeParse(json).success) return refuse(400, 'bad_request', 'the body is not a Telegram update');
      // The body was read for the check above; grammY reads its own copy.
      return deps.handle(new Request(c.req.raw.url, { method: 'POST', headers: c.req.raw.headers, body: text }));
    },
  );
  return app;
}

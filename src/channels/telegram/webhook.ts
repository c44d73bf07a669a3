import type { Update } from 'grammy/types';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { z } from 'zod';
import { errorResponse } from '../../http/errors.js';
import { SECRET_HEADER, secretMatches } from './secret.js';
import { updateSchema } from './update-schema.js';

export const WEBHOOK_PATH = '/telegram/webhook';
/** Updates are small; anything this big is not one. */
const MAX_BODY_BYTES = 1024 * 1024;

export interface WebhookDeps {
  secret: string | undefined;
  /** grammY's webhook callback, given the update this route has read and checked (see updateAdapter). */
  handle(update: Update): Promise<Response>;
}

/**
 * grammY's webhook callback for an update already read: its init, middleware and timeout, without a
 * second Request and a second JSON.parse of the same body (the "std/http" adapter's way).
 */
export function updateAdapter(update: Update) {
  let answer: (response: Response) => void = () => {};
  return {
    update,
    end: () => answer(new Response(null, { status: 200 })),
    respond: (json: string) => answer(new Response(json, { status: 200, headers: { 'content-type': 'application/json' } })),
    unauthorized: () => answer(new Response('secret token is wrong', { status: 401 })),
    handlerReturn: new Promise<Response>((resolve) => (answer = resolve)),
  };
}

/** An update that passed updateSchema, typed as grammY's. */
const telegramUpdate = z.custom<Update>((value) => updateSchema.safeParse(value).success);

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
      const update = telegramUpdate.safeParse(json);
      if (!update.success) return refuse(400, 'bad_request', 'the body is not a Telegram update');
      return deps.handle(update.data);
    },
  );
  return app;
}

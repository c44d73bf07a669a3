import type { Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { ContactKey } from '../../conversation/ports.js';
import type { InboundEnvelope } from '../../conversation/types.js';
import { apiError } from './api-error.js';
import { pickLanguage } from './negotiate.js';
import { describeIssues, messageSchema, tokenSchema, toInbound } from './request.js';
import { hashToken } from './token.js';
import type { WebChatDeps } from './types.js';

export const MAX_BODY_BYTES = 16 * 1024;

/** Registers the JSON API on `app`, route by route, so nothing leaks onto the host app's other routes. */
export function registerApi(app: Hono, deps: WebChatDeps): void {
  const tags = new Set(deps.languages.map((l) => l.tag));
  const dirOf = (tag: string) => deps.languages.find((l) => l.tag === tag)?.dir ?? 'ltr';
  // The client adds `?lang=<page language>`; the browser adds Accept-Language.
  const pageLanguage = (c: Context) =>
    pickLanguage(c.req.query('lang'), c.req.header('accept-language'), deps.languages, deps.defaultLanguage).tag;
  const contact = async (token: string): Promise<ContactKey> => ({ channel: 'web', channelUserId: await hashToken(token) });

  app.post(
    '/api/chat/messages',
    bodyLimit({ maxSize: MAX_BODY_BYTES, onError: (c) => apiError(c, 413, 'too_large', `the body is over ${MAX_BODY_BYTES} bytes`) }),
    async (c) => {
      let json: unknown;
      try {
        json = JSON.parse(await c.req.text());
      } catch {
        return apiError(c, 400, 'bad_json', 'the body is not valid JSON');
      }
      const parsed = messageSchema.safeParse(json);
      if (!parsed.success) return apiError(c, 400, 'bad_request', describeIssues(parsed.error));
      const body = parsed.data;
      if (body.language !== undefined && !tags.has(body.language)) {
        return apiError(c, 400, 'unknown_language', `language "${body.language}" is not offered`);
      }
      const key = await contact(body.token);
      const envelope: InboundEnvelope = {
        ...key,
        // The page picks message ids: they are unique per conversation, not across all of them.
        updateId: `${key.channelUserId}:${body.id}`,
        inbound: toInbound(body),
        ...(body.text !== undefined ? { text: body.text } : {}),
        languageHint: body.language ?? pageLanguage(c),
        receivedAt: deps.clock(),
      };
      const result = await deps.service.handle(envelope);
      c.header('cache-control', 'no-store');
      return c.json({
        duplicate: result.duplicate,
        language: result.language,
        dir: dirOf(result.language),
        messages: result.messages,
      });
    },
  );

  app.get('/api/chat/history', async (c) => {
    const token = tokenSchema.safeParse(c.req.query('token'));
    if (!token.success) return apiError(c, 400, 'bad_request', `token: ${describeIssues(token.error)}`);
    const messages = await deps.service.history(await contact(token.data));
    c.header('cache-control', 'no-store');
    return c.json({ messages });
  });
}

import type { Context, Hono, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { z } from 'zod';
import type { ContactKey } from '../../conversation/ports.js';
import { limitKey } from '../../conversation/rate-limits.js';
import type { InboundEnvelope } from '../../conversation/types.js';
import { apiError } from './api-error.js';
import { pickLanguage } from './negotiate.js';
import { describeIssues, historySchema, messageSchema, toInbound } from './request.js';
import { hashToken, issueToken, secretBytes, tokenKeyFrom, verifyToken } from './token.js';
import type { WebChatDeps } from './types.js';

export const MAX_BODY_BYTES = 16 * 1024;

const limit = bodyLimit({ maxSize: MAX_BODY_BYTES, onError: (c) => apiError(c, 413, 'too_large', `the body is over ${MAX_BODY_BYTES} bytes`) });

/**
 * A token in a URL ends up in proxy, CDN and browser history logs: refused outright, so a client
 * that still sends one learns at once instead of leaking it on every request.
 */
const noTokenInUrl: MiddlewareHandler = async (c, next) => {
  if (c.req.query('token') !== undefined) {
    return apiError(c, 400, 'token_in_url', 'never put the token in the URL: send it in the JSON body of a POST');
  }
  await next();
};

type Parsed<T> = { ok: true; data: T } | { ok: false; response: Response };

/** The JSON body, checked against `schema`; a 400 with the reason otherwise. */
async function readBody<T>(c: Context, schema: z.ZodType<T>): Promise<Parsed<T>> {
  // JSON only: a page elsewhere cannot send it without the browser asking first (CORS), which this
  // service never allows, so no other site can post into someone's conversation or flood from its visitors.
  if (!/^application\/json\s*(;|$)/i.test(c.req.header('content-type') ?? '')) {
    return { ok: false, response: apiError(c, 415, 'unsupported_media_type', 'send the body as application/json') };
  }
  let json: unknown;
  try {
    json = JSON.parse(await c.req.text());
  } catch {
    return { ok: false, response: apiError(c, 400, 'bad_json', 'the body is not valid JSON') };
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) return { ok: false, response: apiError(c, 400, 'bad_request', describeIssues(parsed.error)) };
  return { ok: true, data: parsed.data };
}

/** Registers the JSON API on `app`, route by route, so nothing leaks onto the host app's other routes. */
export function registerApi(app: Hono, deps: WebChatDeps): void {
  const tags = new Set(deps.languages.map((l) => l.tag));
  const dirOf = (tag: string) => deps.languages.find((l) => l.tag === tag)?.dir ?? 'ltr';
  // The client adds `?lang=<page language>`; the browser adds Accept-Language.
  const pageLanguage = (c: Context) =>
    pickLanguage(c.req.query('lang'), c.req.header('accept-language'), deps.languages, deps.defaultLanguage).tag;
  const contact = async (token: string): Promise<ContactKey> => ({ channel: 'web', channelUserId: await hashToken(token) });
  secretBytes(deps.tokenSecret); // a secret too short to sign with is refused now, not at the first request
  let key: Promise<CryptoKey> | undefined;
  const signingKey = (): Promise<CryptoKey> => (key ??= tokenKeyFrom(deps.tokenSecret));
  const signed = async (token: string): Promise<boolean> => verifyToken(await signingKey(), token);
  const badToken = (c: Context) =>
    apiError(c, 401, 'bad_token', 'this token was not issued by this server (or no longer is): get a new one with POST /api/chat/session');

  const MINUTE = 60_000;
  /** A 429 with Retry-After, when a limit is reached; null while within it. */
  async function limited(c: Context, key: string, max: number, windowMs: number): Promise<Response | null> {
    if (!deps.limits) return null;
    const verdict = await deps.limits.limiter.check(await limitKey('web', key), { max, windowMs }, deps.clock());
    if (verdict.ok) return null;
    c.header('retry-after', String(verdict.retryAfterSeconds));
    return apiError(c, 429, 'rate_limited', `too many requests; try again in ${verdict.retryAfterSeconds} s`);
  }
  const perAddress: MiddlewareHandler = async (c, next) => {
    if (deps.limits) {
      const refused = await limited(c, `address:${deps.limits.address(c)}`, deps.limits.requestsPerMinutePerAddress, MINUTE);
      if (refused) return refused;
    }
    await next();
  };

  // Every conversation starts here: the page cannot make up a token, so new conversations are
  // counted (and limited per address) where they are issued.
  app.post('/api/chat/session', noTokenInUrl, limit, perAddress, async (c) => {
    if (deps.limits) {
      const refused = await limited(c, `new:${deps.limits.address(c)}`, deps.limits.newConversationsPerHour, 60 * MINUTE);
      if (refused) return refused;
    }
    const token = await issueToken(await signingKey());
    c.header('cache-control', 'no-store');
    return c.json({ token }, 201);
  });

  app.post('/api/chat/messages', noTokenInUrl, limit, perAddress, async (c) => {
    const read = await readBody(c, messageSchema);
    if (!read.ok) return read.response;
    const body = read.data;
    if (!(await signed(body.token))) return badToken(c);
    if (deps.limits) {
      const refused = await limited(c, `token:${body.token}`, deps.limits.messagesPerMinute, MINUTE);
      if (refused) return refused;
    }
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
  });

  // POST, not GET: the token goes in the body, never in the URL.
  app.post('/api/chat/history', noTokenInUrl, limit, perAddress, async (c) => {
    const read = await readBody(c, historySchema);
    if (!read.ok) return read.response;
    if (!(await signed(read.data.token))) return badToken(c);
    const messages = await deps.service.history(await contact(read.data.token));
    c.header('cache-control', 'no-store');
    return c.json({ messages });
  });
  app.get('/api/chat/history', noTokenInUrl, (c) =>
    apiError(c, 400, 'bad_request', 'use POST /api/chat/history with {"token": ...} in a JSON body'),
  );
}

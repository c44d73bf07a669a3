import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { issueToken, tokenKeyFrom } from '../../../src/channels/web/token.js';
import { webChat } from '../../../src/channels/web/index.js';
import { FakeService, languages, setup, signedToken } from './fixtures.js';

const token = await signedToken();
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

function post(app: ReturnType<typeof setup>['app'], body: unknown, init: { raw?: string; path?: string; headers?: Record<string, string> } = {}) {
  return app.request(init.path ?? '/api/chat/messages', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...init.headers },
    body: init.raw ?? JSON.stringify(body),
  });
}

describe('POST /api/chat/messages', () => {
  it('maps text, choice and command to the right Inbound', async () => {
    const { app, service } = setup();
    await post(app, { token, id: 'm1', text: '  hello  ' });
    await post(app, { token, id: 'm2', choice: 'nav.back' });
    await post(app, { token, id: 'm3', command: 'menu' });
    await post(app, { token, id: 'm4', command: 'start', language: 'ar' });
    await post(app, { token, id: 'm5', language: 'bs' });
    expect(service.envelopes.map((e) => e.inbound)).toEqual([
      { kind: 'text', text: 'hello' },
      { kind: 'choice', id: 'nav.back' },
      { kind: 'command', command: 'menu' },
      { kind: 'command', command: 'start' },
      { kind: 'command', command: 'set_language:bs' },
    ]);
    expect(service.envelopes.map((e) => e.text)).toEqual(['hello', undefined, undefined, undefined, undefined]);
    expect(service.envelopes.map((e) => e.languageHint)).toEqual(['en', 'en', 'en', 'ar', 'bs']);
  });

  it('builds the envelope from a hash of the token, never the token', async () => {
    const { app, service } = setup();
    const res = await post(app, { token, id: 'abc', choice: 'yes' });
    expect(res.status).toBe(200);
    const envelope = service.envelopes[0];
    expect(envelope).toMatchObject({ channel: 'web', channelUserId: sha256(token), updateId: `${sha256(token)}:abc` });
    expect(envelope?.receivedAt).toBeInstanceOf(Date);
    expect(JSON.stringify(service.envelopes)).not.toContain(token);
  });

  it('takes the page language as the hint: ?lang first, then Accept-Language', async () => {
    const { app, service } = setup();
    await post(app, { token, id: 'a', text: 'hi' }, { path: '/api/chat/messages?lang=ar' });
    await post(app, { token, id: 'b', text: 'hi' }, { headers: { 'accept-language': 'ur-PK' } });
    expect(service.envelopes.map((e) => e.languageHint)).toEqual(['ar', 'ur']);
  });

  it('answers with the rendered messages and the direction of the reply language', async () => {
    const { app } = setup();
    const res = await post(app, { token, id: 'x', command: 'start', language: 'ar' });
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = (await res.json()) as { duplicate: boolean; language: string; dir: string; messages: Array<{ html: string }> };
    expect(body).toMatchObject({ duplicate: false, language: 'ar', dir: 'rtl' });
    expect(body.messages[0]?.html).toBe('Hello <b>there</b>');
  });

  it('passes a repeated id through unchanged: de-duplication is the service’s job', async () => {
    const { app, service } = setup();
    await post(app, { token, id: 'same', text: 'hi' });
    await post(app, { token, id: 'same', text: 'hi' });
    const [first, second] = service.envelopes;
    expect(second?.updateId).toBe(first?.updateId);
    expect(first?.updateId.endsWith(':same')).toBe(true);
  });

  it('scopes message ids to the conversation: two people may pick the same id', async () => {
    const { app, service } = setup();
    await post(app, { token, id: 'm1', text: 'hi' });
    await post(app, { token: await signedToken(), id: 'm1', text: 'hi' });
    const [mine, theirs] = service.envelopes;
    expect(mine?.updateId).not.toBe(theirs?.updateId);
    expect(mine?.updateId).toBe(`${mine?.channelUserId}:m1`);
  });

  const bad: Array<[string, unknown, string?]> = [
    ['bad JSON', undefined, '{"token": '],
    ['not an object', undefined, '"hello"'],
    ['null', undefined, 'null'],
    ['an empty body', undefined, ''],
    ['a missing token', { id: 'a', text: 'hi' }],
    ['a missing id', { token, text: 'hi' }],
    ['nothing to send', { token, id: 'a' }],
    ['both text and choice', { token, id: 'a', text: 'hi', choice: 'yes' }],
    ['text and command', { token, id: 'a', text: 'hi', command: 'menu' }],
    ['language with text', { token, id: 'a', text: 'hi', language: 'ar' }],
    ['language with another command', { token, id: 'a', command: 'menu', language: 'ar' }],
    ['an empty token', { token: '', id: 'a', text: 'hi' }],
    ['a token that is not a string', { token: 12345, id: 'a', text: 'hi' }],
    ['a huge token', { token: 'x'.repeat(257), id: 'a', text: 'hi' }],
    ['an empty id', { token, id: '', text: 'hi' }],
    ['a long id', { token, id: 'i'.repeat(65), text: 'hi' }],
    ['blank text', { token, id: 'a', text: '   ' }],
    ['long text', { token, id: 'a', text: 'x'.repeat(2001) }],
    ['a long choice', { token, id: 'a', choice: 'c'.repeat(65) }],
    ['an unknown command', { token, id: 'a', command: 'rm' }],
    ['an unknown language', { token, id: 'a', language: 'de' }],
    ['a malformed language', { token, id: 'a', language: 'AR<script>' }],
    ['text of the wrong type', { token, id: 'a', text: 5 }],
  ];
  it.each(bad)('rejects %s with 400 and an error body', async (_, body, raw) => {
    const { app, service } = setup();
    const res = await post(app, body, raw === undefined ? {} : { raw });
    expect(res.status).toBe(400);
    const json = (await res.json()) as { error: { code: string; message: string } };
    expect(json.error.code).toMatch(/^(bad_json|bad_request|unknown_language)$/);
    expect(json.error.message).toBeTruthy();
    expect(service.envelopes).toHaveLength(0);
  });

  it('rejects a body over 16 KB with 413', async () => {
    const { app, service } = setup();
    const res = await post(app, { token, id: 'a', text: 'x'.repeat(17 * 1024) });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('too_large');
    expect(service.envelopes).toHaveLength(0);
  });

  it('never answers garbage with a 5xx', async () => {
    const { app } = setup();
    const junk = ['[]', '{}', '{"token":null}', '\u0000', '{"token":{"$gt":""}}', 'a'.repeat(20_000), '{"__proto__":{"text":"x"}}'];
    for (const raw of junk) expect((await post(app, undefined, { raw })).status).toBeLessThan(500);
  });

  it('takes JSON only, so that no other site can post into a conversation (a form or a simple fetch sends text/plain)', async () => {
    const { app } = setup();
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', '']) {
      const headers: Record<string, string> = type ? { 'content-type': type } : {};
      const res = await app.request('/api/chat/messages', { method: 'POST', headers, body: JSON.stringify({ token, id: 'x', text: 'hi' }) });
      expect(res.status, type).toBe(415);
      expect(await res.json()).toMatchObject({ error: { code: 'unsupported_media_type' } });
    }
    const json = await app.request('/api/chat/messages', { method: 'POST', headers: { 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify({ token, id: 'y', text: 'hi' }) });
    expect(json.status).toBe(200);
  });

  it('maps a failure inside the service to a JSON 500 without details', async () => {
    const { app, service } = setup();
    service.fail = true;
    const res = await post(app, { token, id: 'a', text: 'hi' });
    expect(res.status).toBe(500);
    expect(JSON.stringify(await res.json())).not.toContain('store down');
  });
});

describe('POST /api/chat/session', () => {
  it('issues a new signed token each time, never cached', async () => {
    const { app } = setup();
    const res = await app.request('/api/chat/session', { method: 'POST' });
    expect(res.status).toBe(201);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const { token: first } = (await res.json()) as { token: string };
    expect(first).toMatch(/^[A-Za-z0-9_-]{32}\.[A-Za-z0-9_-]{43}$/);
    const { token: second } = (await (await app.request('/api/chat/session', { method: 'POST' })).json()) as { token: string };
    expect(second).not.toBe(first);
  });

  it('issues tokens that the messages and history routes accept', async () => {
    const { app, service } = setup();
    const { token: issued } = (await (await app.request('/api/chat/session', { method: 'POST' })).json()) as { token: string };
    expect((await post(app, { token: issued, id: 'a', text: 'hi' })).status).toBe(200);
    expect((await post(app, { token: issued }, { path: '/api/chat/history' })).status).toBe(200);
    expect(service.envelopes[0]?.channelUserId).toBe(sha256(issued));
  });
});

describe('a token the server did not sign', () => {
  const tamper = (t: string, at: number) => t.slice(0, at) + (t[at] === 'A' ? 'B' : 'A') + t.slice(at + 1);
  const unsigned: Array<[string, () => Promise<string>]> = [
    ['made by the page, as before (48 hex)', async () => 'ab'.repeat(24)],
    ['short', async () => 'short'],
    ['with bad characters', async () => `${'x'.repeat(30)}!`],
    ['without a signature', async () => token.split('.')[0] ?? ''],
    ['with its id changed', async () => tamper(token, 0)],
    ['with its signature changed', async () => tamper(token, token.length - 5)],
    ['signed with another secret', async () => issueToken(await tokenKeyFrom('another secret, also 32 bytes long!'))],
    ['signed, with the spare bits of its signature\'s last character set', async () => {
      // 43 base64url characters hold 258 bits; the last character's low 2 bits are not part of the
      // 32-byte signature, so an altered spelling decodes to the same bytes.
      const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
      const last = alphabet.indexOf(token.at(-1) ?? 'A');
      return token.slice(0, -1) + alphabet[last ^ 1];
    }],
  ];

  it.each(unsigned)('is refused with 401 when %s, on messages and on history', async (_, make) => {
    const { app, service } = setup();
    const bad = await make();
    for (const res of [await post(app, { token: bad, id: 'a', text: 'hi' }), await post(app, { token: bad }, { path: '/api/chat/history' })]) {
      expect(res.status).toBe(401);
      expect(res.headers.get('cache-control')).toBe('no-store');
      const { error } = (await res.json()) as { error: { code: string; message: string } };
      expect(error.code).toBe('bad_token');
      expect(error.message).toMatch(/POST \/api\/chat\/session/);
    }
    expect(service.envelopes).toHaveLength(0);
    expect(service.historyKeys).toHaveLength(0);
  });

  it('is refused by an app with another secret, though another app with the same secret accepts it', async () => {
    const other = webChat({ service: new FakeService(), languages, t: (_, k) => k, defaultLanguage: 'en', tokenSecret: 'z'.repeat(32), clock: () => new Date('2026-11-23T10:00:00Z') });
    expect((await post(other, { token, id: 'a', text: 'hi' })).status).toBe(401);
    expect((await post(setup().app, { token, id: 'a', text: 'hi' })).status).toBe(200);
  });

  it('a secret shorter than 32 bytes is refused when the app is built', async () => {
    expect(() => webChat({ service: new FakeService(), languages, t: (_, k) => k, defaultLanguage: 'en', tokenSecret: 'short', clock: () => new Date('2026-11-23T10:00:00Z') })).toThrow(/32 bytes/);
  });
});

describe('POST /api/chat/history', () => {
  const history = (app: ReturnType<typeof setup>['app'], body: unknown, init: { raw?: string; path?: string } = {}) =>
    post(app, body, { path: '/api/chat/history', ...init });

  it('returns the transcript for the hashed token', async () => {
    const { app, service } = setup();
    expect(await (await history(app, { token })).json()).toEqual({ messages: [] });
    await post(app, { token, id: 'a', text: 'hi' });
    const res = await history(app, { token });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.json()).toEqual({ messages: [{ direction: 'out', html: 'Hello <b>there</b>', at: '2026-01-01T00:00:00.000Z' }] });
    expect(service.historyKeys[1]).toEqual({ channel: 'web', channelUserId: sha256(token) });
  });

  const bad: Array<[string, unknown, string?]> = [
    ['no body', undefined, ''],
    ['bad JSON', undefined, '{"token"'],
    ['no token', {}],
    ['a token that is not a string', { token: 5 }],
  ];
  it.each(bad)('rejects %s with 400 and an error body', async (_, body, raw) => {
    const { app, service } = setup();
    const res = await history(app, body, raw === undefined ? {} : { raw });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string; message: string } }).error.message).toBeTruthy();
    expect(service.historyKeys).toHaveLength(0);
  });
});

describe('a token in the URL', () => {
  const refused = async (res: Response) => {
    expect(res.status).toBe(400);
    expect(res.headers.get('cache-control')).toBe('no-store');
    return ((await res.json()) as { error: { code: string; message: string } }).error;
  };

  it('is refused on the old GET /api/chat/history?token=… with a clear 400, and nothing is read', async () => {
    const { app, service } = setup();
    await post(app, { token, id: 'a', text: 'hi' });
    const error = await refused(await app.request(`/api/chat/history?token=${token}`));
    expect(error.code).toBe('token_in_url');
    expect(error.message).toMatch(/body/);
    expect(service.historyKeys).toHaveLength(0);
  });

  it('is refused on the POST routes too, even with a good body', async () => {
    const { app, service } = setup();
    expect((await refused(await post(app, { token }, { path: `/api/chat/history?token=${token}` }))).code).toBe('token_in_url');
    expect((await refused(await post(app, { token, id: 'a', text: 'hi' }, { path: `/api/chat/messages?token=${token}` }))).code).toBe('token_in_url');
    expect(service.envelopes).toHaveLength(0);
    expect(service.historyKeys).toHaveLength(0);
  });

  it('GET /api/chat/history without a token says to use POST', async () => {
    const error = await refused(await setup().app.request('/api/chat/history'));
    expect(error).toMatchObject({ code: 'bad_request', message: expect.stringMatching(/POST/) });
  });
});

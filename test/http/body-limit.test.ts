/**
 * Every route reads a bounded body: a route without a limit of its own (health, the chat page, a
 * path that does not exist, any route added later) stops at the app-wide backstop, without reading on.
 */
import { describe, expect, it } from 'vitest';
import { Hono } from 'hono';
import { MAX_ANY_BODY_BYTES } from '../../src/app.js';
import { bodyBackstop } from '../../src/http/body-limit.js';
import { registerErrors } from '../../src/http/errors.js';
import { silentLogger } from '../../src/log.js';
import { useTestDatabase } from '../support/db.js';
import { testApp } from '../support/app.js';

const database = useTestDatabase();

/** A body that would be `bytes` long, sent as a stream without a length; counts what was read. */
function endless(bytes: number): { body: ReadableStream<Uint8Array>; read: () => number } {
  let sent = 0;
  const chunk = new Uint8Array(64 * 1024);
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= bytes) return controller.close();
      sent += chunk.length;
      controller.enqueue(chunk);
    },
  });
  return { body, read: () => sent };
}

describe('the app-wide body limit', () => {
  it('answers 413 with a JSON error on any route, whether the length is declared or not', async () => {
    const t = await testApp(database());
    for (const path of ['/healthz', '/', '/no-such-route']) {
      const declared = await t.app.request(path, { method: 'POST', body: 'x', headers: { 'content-length': String(MAX_ANY_BODY_BYTES + 1) } });
      expect(declared.status, path).toBe(413);
      expect(await declared.json()).toMatchObject({ error: { code: 'too_large' } });
    }
    const stream = endless(60 * 1024 * 1024);
    const streamed = await t.app.request('/no-such-route', { method: 'POST', body: stream.body, duplex: 'half' } as RequestInit);
    // A route that never reads the body leaves it unread; one that does stops at the limit.
    expect([404, 405, 413]).toContain(streamed.status);
    expect(stream.read()).toBeLessThanOrEqual(MAX_ANY_BODY_BYTES + 128 * 1024);
  });

  it('stops a route that reads a body without a length at the limit, having read no more than a chunk past it', async () => {
    const app = new Hono();
    app.use('*', bodyBackstop(256 * 1024));
    app.post('/echo', async (c) => c.text(String((await c.req.text()).length)));
    registerErrors(app, silentLogger);
    const small = endless(128 * 1024);
    const ok = await app.request('/echo', { method: 'POST', body: small.body, duplex: 'half' } as RequestInit);
    expect(ok.status).toBe(200);
    const big = endless(60 * 1024 * 1024);
    const refused = await app.request('/echo', { method: 'POST', body: big.body, duplex: 'half' } as RequestInit);
    expect(refused.status).toBe(413);
    expect(await refused.json()).toMatchObject({ error: { code: 'too_large' } });
    expect(big.read()).toBeLessThanOrEqual(256 * 1024 + 2 * 64 * 1024);
  });
});

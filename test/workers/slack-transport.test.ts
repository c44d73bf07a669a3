/**
 * The Slack client's transport, on Node (the workerd test covers Workers): a redirect is never
 * followed, it is an HTTP error the outbox retries; and a failing Slack is retried once, not for
 * half an hour.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackClient, toDeliveryResult } from '../../src/channels/slack/client.js';

const hits: string[] = [];
let status = 302;
const server = createServer((req, res) => {
  hits.push(req.url ?? '');
  if (req.url?.startsWith('/elsewhere')) {
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    return;
  }
  res.writeHead(status, { location: '/elsewhere/api/chat.postMessage', 'content-type': 'application/json' }).end('{}');
});
let base = '';

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('the Slack client transport', () => {
  it('does not follow a redirect: the call fails as an HTTP error for the outbox to retry', async () => {
    hits.length = 0;
    status = 302;
    const client = createSlackClient({ token: 'xoxb-test', apiUrl: base });
    const error: unknown = await client.chat.postMessage({ channel: 'C1', text: 'hi' }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(toDeliveryResult(error)).toEqual({ ok: false, error: 'slack: HTTP 302' });
    expect(hits.some((h) => h.startsWith('/elsewhere'))).toBe(false);
  });

  it('tries a failing call twice in all, then hands it back', async () => {
    hits.length = 0;
    status = 503;
    const client = createSlackClient({ token: 'xoxb-test', apiUrl: base });
    const error: unknown = await client.chat.postMessage({ channel: 'C1', text: 'hi' }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(toDeliveryResult(error)).toEqual({ ok: false, error: 'slack: HTTP 503' });
    expect(hits).toHaveLength(2);
  });
});

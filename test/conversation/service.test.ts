/**
 * The conversation use-case on a real database (PGlite, or PostgreSQL with TEST_DATABASE_URL):
 * re-delivery changes nothing, and simultaneous messages of one person never lose a write.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { InboundEnvelope } from '../../src/conversation/index.js';
import { useTestDatabase } from '../support/db.js';
import { testApp } from '../support/app.js';

const database = useTestDatabase();

function envelope(user: string, updateId: string, text: string): InboundEnvelope {
  return {
    channel: 'web',
    channelUserId: user,
    updateId,
    inbound: text.startsWith('#') ? { kind: 'choice', id: text.slice(1) } : { kind: 'text', text },
    ...(text.startsWith('#') ? {} : { text }),
    languageHint: 'en',
    receivedAt: new Date(),
  };
}

async function agreed(service: Awaited<ReturnType<typeof testApp>>['service'], user: string): Promise<void> {
  for (const step of ['hi', '#en', '#agree']) await service.handle(envelope(user, randomUUID(), step));
}

describe('conversation service', () => {
  it('does nothing the second time the same update arrives', async () => {
    const { service } = await testApp(database());
    const user = randomUUID();
    await agreed(service, user);
    const first = await service.handle(envelope(user, 'u-1', '#about'));
    expect(first.duplicate).toBe(false);
    const before = await service.history({ channel: 'web', channelUserId: user });
    const again = await service.handle(envelope(user, 'u-1', '#about'));
    expect(again).toMatchObject({ duplicate: true, messages: [] });
    expect(await service.history({ channel: 'web', channelUserId: user })).toEqual(before);
  });

  it('processes the same update delivered twice at the same moment once', async () => {
    const { service } = await testApp(database());
    const user = randomUUID();
    await agreed(service, user);
    const results = await Promise.all([1, 2, 3].map(() => service.handle(envelope(user, 'same', '#about'))));
    expect(results.filter((r) => !r.duplicate)).toHaveLength(1);
  });

  it('loses no write when one person sends many messages at once', async () => {
    const { service } = await testApp(database());
    const user = randomUUID();
    await agreed(service, user);
    const before = (await service.history({ channel: 'web', channelUserId: user })).length;
    // Ten unknown commands in parallel: each turn appends its text and one reply to the transcript.
    const texts = Array.from({ length: 10 }, (_, i) => `/nope${String.fromCharCode(97 + i)}`);
    await Promise.all(texts.map((t) => service.handle(envelope(user, randomUUID(), t))));
    const history = await service.history({ channel: 'web', channelUserId: user });
    const incoming = history.slice(before).filter((h) => h.direction === 'in').map((h) => h.html);
    expect(incoming.sort()).toEqual([...texts].sort());
    // Each turn re-asks the menu, so 2 replies per turn: nothing was overwritten or dropped.
    expect(history.length - before).toBe(texts.length * 3);
  });

  it('returns, with a press, the question it arrived at, as current() showed it', async () => {
    const { service } = await testApp(database());
    const user = randomUUID();
    await agreed(service, user);
    const open = await service.current({ channel: 'web', channelUserId: user });
    expect(open?.choices.map((c) => c.id)).toContain('about');
    const pressed = await service.handle(envelope(user, randomUUID(), '#about'));
    expect(pressed.before).toEqual(open);
    // The next press arrives at the question the first one led to.
    const next = await service.current({ channel: 'web', channelUserId: user });
    expect(next?.key).not.toBe(open?.key);
    expect((await service.handle(envelope(user, randomUUID(), '#voluntary'))).before).toEqual(next);
    // Typed text is not a press: nothing to show it under.
    expect((await service.handle(envelope(user, randomUUID(), 'hello'))).before).toBeUndefined();
  });

  it('keeps no transcript for someone who did not consent (rule R0)', async () => {
    const { service } = await testApp(database());
    const user = randomUUID();
    for (const step of ['hi', '#en', '#info_only', '#about']) await service.handle(envelope(user, randomUUID(), step));
    expect(await service.history({ channel: 'web', channelUserId: user })).toEqual([]);
  });

  it('stores nothing typed on a case without consent: a handoff carries no answers (rule R0)', async () => {
    const t = await testApp(database());
    const user = randomUUID();
    for (const step of ['hi', '#en', '#info_only', '#services', '#ba', 'Markertown Zvornik', '/counsellor']) {
      await t.service.handle(envelope(user, randomUUID(), step));
    }
    const cases = await t.stores.conversations.withContact({ channel: 'web', channelUserId: user }, (tx) => tx.cases());
    expect(cases).toHaveLength(1);
    expect(cases[0]).toMatchObject({ answers: {}, personal: {} });
    expect(JSON.stringify(cases)).not.toContain('Markertown');
  });
});

describe('health', () => {
  it('answers 200 with the database up and 503 when it is unreachable', async () => {
    const built = await testApp(database());
    const ok = await built.app.request('/healthz');
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ database: 'up' });
    built.stores.health.ping = () => Promise.reject(new Error('connection refused'));
    const down = await built.app.request('/healthz');
    expect(down.status).toBe(503);
    expect(await down.json()).toMatchObject({ database: 'down' });
  });
});

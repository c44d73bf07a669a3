/**
 * Nobody can flood the service (the security review's H2): new web conversations are issued by the
 * server and limited per address, messages per conversation; one person has one open case of a
 * kind, urgent requests included; `@here` pings a channel at most once every few minutes; a Telegram
 * user sending too fast is told once and then dropped. Limits are counted in the database.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PING_EVERY_MS } from '../../src/channels/slack/store/pings.js';
import { envSchema } from '../../src/env.js';
import { useTestDatabase } from '../support/db.js';
import { FakeSlack, HANDOFF_CHANNEL } from '../support/fake-slack/index.js';
import { slackHarness, WebMigrant, type Harness } from '../channels/slack/harness.js';
import { telegramHarness, texts, useFakeTelegram } from '../channels/telegram/harness.js';

const database = useTestDatabase();
const fakeTelegram = useFakeTelegram();
let fake: FakeSlack;
beforeAll(async () => {
  fake = await FakeSlack.start();
});
afterAll(async () => {
  await fake.stop();
  expect(fake.violations).toEqual([]);
});

/** The limits as they are out of the box (the test harnesses raise them out of the way). */
const DEFAULTS = envSchema.parse({});
const defaultLimits = {
  WEB_NEW_CONVERSATIONS_PER_HOUR: String(DEFAULTS.WEB_NEW_CONVERSATIONS_PER_HOUR),
  WEB_MESSAGES_PER_MINUTE: String(DEFAULTS.WEB_MESSAGES_PER_MINUTE),
  WEB_REQUESTS_PER_MINUTE_PER_ADDRESS: String(DEFAULTS.WEB_REQUESTS_PER_MINUTE_PER_ADDRESS),
  TELEGRAM_MESSAGES_PER_MINUTE: String(DEFAULTS.TELEGRAM_MESSAGES_PER_MINUTE),
};

const post = (h: Harness, path: string, body?: unknown) =>
  h.built.app.request(path, { method: 'POST', headers: { 'content-type': 'application/json' }, ...(body ? { body: JSON.stringify(body) } : {}) });

const cards = () => fake.topLevel(HANDOFF_CHANNEL).filter((m) => m.metadata?.event_type === 'avrr_case');

describe('the web chat', () => {
  it('200 new conversations from one address asking for a counsellor make at most the cap of cases; the rest get 429', async () => {
    const h = await slackHarness(database(), fake, defaultLimits);
    const cardsBefore = cards().length;
    const statuses: number[] = [];
    let refusal: Response | undefined;
    for (let i = 0; i < 200; i++) {
      const session = await post(h, '/api/chat/session');
      statuses.push(session.status);
      if (session.status !== 201) {
        refusal ??= session;
        continue;
      }
      const { token } = (await session.json()) as { token: string };
      for (const [n, step] of [{ text: 'hi' }, { choice: 'en' }, { choice: 'agree' }, { choice: 'counsellor' }].entries()) {
        const res = await post(h, '/api/chat/messages', { token, id: `m${n}`, ...step });
        if (res.status === 429) break;
        expect(res.status).toBe(200);
      }
    }
    await h.settle();
    const cap = DEFAULTS.WEB_NEW_CONVERSATIONS_PER_HOUR;
    expect(statuses.filter((s) => s === 201)).toHaveLength(cap);
    expect(statuses.filter((s) => s === 429)).toHaveLength(200 - cap);
    expect(refusal?.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(await refusal?.json()).toMatchObject({ error: { code: 'rate_limited', message: expect.any(String) } });
    const counts = await h.stores.cases.queueCounts();
    expect(counts.reduce((n, q) => n + q.open, 0)).toBeLessThanOrEqual(cap);
    expect(cards().length - cardsBefore).toBeLessThanOrEqual(cap);
    // An hour later the address may start conversations again.
    h.advance(60 * 60_000);
    expect((await post(h, '/api/chat/session')).status).toBe(201);
  }, 120_000);

  it('limits messages per conversation, and lets them through again in the next minute', async () => {
    const h = await slackHarness(database(), fake, defaultLimits);
    // The test before used this address's new conversations for the hour (same database).
    h.advance(60 * 60_000);
    const { token } = (await (await post(h, '/api/chat/session')).json()) as { token: string };
    const max = DEFAULTS.WEB_MESSAGES_PER_MINUTE;
    for (let i = 0; i < max; i++) {
      const res = await post(h, '/api/chat/messages', { token, id: `a${i}`, command: 'help' });
      expect(res.status, await res.clone().text()).toBe(200);
    }
    const over = await post(h, '/api/chat/messages', { token, id: 'over', command: 'help' });
    expect(over.status).toBe(429);
    h.advance(60_000);
    expect((await post(h, '/api/chat/messages', { token, id: 'later', command: 'help' })).status).toBe(200);
  }, 60_000);
});

describe('cases and pings', () => {
  /** Someone in danger now: an urgent protection case. */
  async function urgent(migrant: WebMigrant, first: boolean): Promise<void> {
    if (first) for (const step of [{ text: 'hi' }, { choice: 'en' }, { choice: 'agree' }]) await migrant.send(step);
    for (const step of [{ command: 'menu' }, { choice: 'intake' }, { choice: 'migrant' }, { text: 'yes' }]) await migrant.send(step);
  }

  it('an urgent request repeated on one conversation makes one case and one card', async () => {
    const h = await slackHarness(database(), fake);
    const before = cards().length;
    const migrant = new WebMigrant(h);
    await urgent(migrant, true);
    await urgent(migrant, false);
    await urgent(migrant, false);
    await h.settle();
    expect(cards().length - before).toBe(1);
    const card = cards().at(-1)!;
    expect(fake.thread(card.channel, card.ts).filter((m) => m.text.includes('asked again, urgently'))).toHaveLength(2);
  });

  it('pings the channel with @here at most once every few minutes', async () => {
    const h = await slackHarness(database(), fake);
    // The test before pinged this channel a moment ago (same database, same clock).
    h.advance(PING_EVERY_MS + 1_000);
    for (let i = 0; i < 3; i++) await urgent(new WebMigrant(h), true);
    await h.settle();
    const urgentCards = cards().slice(-3);
    // One of them pings: the one delivered first (cards of different people go out side by side).
    expect(urgentCards.filter((c) => c.text.includes('<!here>'))).toHaveLength(1);
    expect(urgentCards.every((c) => c.text.includes('URGENT'))).toBe(true);
    h.advance(PING_EVERY_MS + 1_000);
    await urgent(new WebMigrant(h), true);
    await h.settle();
    expect(cards().at(-1)?.text).toContain('<!here>');
  });
});

describe('Telegram', () => {
  it('tells someone sending too fast once, in their language, and drops the rest', async () => {
    const h = await telegramHarness(database(), fakeTelegram(), { env: { TELEGRAM_MESSAGES_PER_MINUTE: '5' } });
    const chat = h.person('ar');
    await chat.text('/start');
    for (let i = 0; i < 4; i++) await chat.text('/help');
    const slow = await chat.text('/help');
    expect(texts(slow.sent)).toEqual([h.translator.t('ar', 'telegram:slow_down')]);
    expect((await chat.text('/help')).sent).toEqual([]);
    h.clock.advance(60_000);
    expect((await chat.text('/help')).sent.length).toBeGreaterThan(0);
  });
});

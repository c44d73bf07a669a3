/**
 * Two service processes on one PostgreSQL database, as behind a load balancer: both start at once
 * on a fresh database (they take turns migrating it), 40 people's Telegram updates are sent to
 * them in turn (so one person's consecutive updates land on different processes), and each person
 * asks for a counsellor (a case, and its card in Slack). Every reply must arrive once and in order,
 * every case card must be posted once, and two updates of one chat sent to both processes at the
 * same moment must not interleave: nothing here may rest on a lock that only holds inside one
 * process. Telegram and Slack are the fakes of test/support, in this process.
 *
 * Needs PostgreSQL (TEST_DATABASE_URL, else 127.0.0.1:5432): under CI its absence fails the run,
 * elsewhere the file is skipped with a message saying so.
 */
import type { Message, Update } from 'grammy/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readChoiceData } from '../../src/channels/telegram/callback-data.js';
import { TEST_KEY } from '../support/app.js';
import { BOT_TOKEN, FakeSlack, HANDOFF_CHANNEL, SIGNING_SECRET } from '../support/fake-slack/index.js';
import { buttonsOf, FakeTelegram, FakeUser, SECRET_HEADER, WEBHOOK } from '../support/fake-telegram/index.js';
import { createOwnDatabase, postgresAnswers, SERVER_URL, startInstance, type Instance, type OwnDatabase } from './instances.js';

const havePostgres = await postgresAnswers();
const underCi = Boolean(process.env['CI']) && process.env['CI'] !== 'false';
if (!havePostgres && !underCi) {
  console.warn(`two-instance test skipped: no PostgreSQL answers at ${SERVER_URL.replace(/\/\/[^@]*@/, '//')} (start it, or point TEST_DATABASE_URL at one; under CI this fails)`);
}

const SECRET = 'scale-webhook-secret_1';
const PEOPLE = 40;
/**
 * What each person presses after /start: language, consent, "talk to someone safely" and the
 * country they are in (a case), then two pages of "about".
 */
const PRESSES = ['en', 'agree', 'safe', 'ba', 'wait', 'about', 'voluntary'];
/** How long a reply may take to arrive after its update was answered (the outbox timer runs every 2 s). */
const ARRIVAL_MS = 15_000;

describe.runIf(!havePostgres && underCi)('the two-instance test under CI', () => {
  it('has PostgreSQL', () => {
    throw new Error(`PostgreSQL does not answer at ${SERVER_URL}; under CI the two-instance test must run`);
  });
});

describe.runIf(havePostgres)('two service instances on one database', () => {
  let database: OwnDatabase;
  let telegram: FakeTelegram;
  let slack: FakeSlack;
  let instances: Instance[] = [];
  let turn = 0;

  beforeAll(async () => {
    [database, telegram, slack] = await Promise.all([createOwnDatabase(), FakeTelegram.start(), FakeSlack.start()]);
    const env = {
      DATABASE_URL: database.url,
      // The same key ring everywhere: each instance reads what the other wrote.
      DATA_ENCRYPTION_KEY: TEST_KEY,
      TELEGRAM_BOT_TOKEN: telegram.token,
      TELEGRAM_WEBHOOK_SECRET: SECRET,
      TELEGRAM_API_ROOT: telegram.apiRoot,
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: slack.url,
      SLACK_HANDOFF_CHANNEL: HANDOFF_CHANNEL,
      SLACK_TEAM_ID: 'T1',
      LOG_LEVEL: 'warn',
    };
    // Started together on an empty database: the migrations' advisory lock makes them take turns.
    instances = await Promise.all(
      ['a', 'b'].map((name) => startInstance({ ...env, PGLITE_DIR: `${process.env['TMPDIR'] ?? '/tmp'}/avrr-scale-${process.pid}-${name}/pglite` })),
    );
  }, 90_000);

  afterAll(async () => {
    await Promise.all(instances.map((i) => i.stop()));
    await Promise.all([database?.drop(), telegram?.close(), slack?.stop()]);
  }, 60_000);

  /** Posts an update as Telegram would, to the next instance in turn (or to the one given). */
  async function post(update: Update, to?: Instance): Promise<number> {
    const instance = to ?? instances[turn++ % instances.length];
    if (!instance) throw new Error('no instance');
    const response = await fetch(`${instance.base}${WEBHOOK}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [SECRET_HEADER]: SECRET },
      body: JSON.stringify(update),
    });
    await response.arrayBuffer();
    return response.status;
  }

  /** Waits for a message in the chat, newer than `after`, with a button for this choice id. */
  async function buttonAfter(user: FakeUser, id: string, after: number): Promise<{ message: Message; data: string }> {
    const until = Date.now() + ARRIVAL_MS;
    for (;;) {
      const message = telegram
        .messages(user.id)
        .filter((m) => m.message_id > after)
        .reverse()
        .find((m) => buttonsOf(m).some((b) => readChoiceData(b.data).id === id));
      const button = message && buttonsOf(message).find((b) => readChoiceData(b.data).id === id);
      if (message && button) return { message, data: button.data };
      if (Date.now() > until) throw new Error(`chat ${user.id}: no button "${id}" arrived`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /** One person's conversation, each update after the previous one was answered, as Telegram sends them. */
  async function converse(user: FakeUser, to?: Instance): Promise<void> {
    expect(await post(user.text('/start'), to)).toBe(200);
    let after = 0;
    for (const id of PRESSES) {
      const { message, data } = await buttonAfter(user, id, after);
      after = message.message_id;
      expect(await post(user.press(message, data), to)).toBe(200);
    }
  }

  /** The texts a chat received, in order; each person's case reference is their own, so it is blanked. */
  const sentTo = (user: FakeUser): string[] =>
    telegram
      .callsTo('sendMessage', user.id)
      .filter((c) => c.status === 200)
      .map((c) => String(c.params['text']).replace(/AVR-\d{4}-\d+/g, 'AVR-…'));

  /** Waits until a chat has received at least `count` messages and nothing more came for a while. */
  async function settled(user: FakeUser, count = 0, quietMs = 750): Promise<string[]> {
    const until = Date.now() + ARRIVAL_MS;
    let seen = sentTo(user).length;
    let since = Date.now();
    while (Date.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      const now = sentTo(user).length;
      if (now !== seen) [seen, since] = [now, Date.now()];
      else if (now >= count && Date.now() - since >= quietMs) break;
    }
    return sentTo(user);
  }

  it('delivers every reply once and in order and posts every case card once, with the updates split between them', async () => {
    // The reference: one person alone, every update to the first instance.
    const alone = new FakeUser(telegram, 'en');
    await converse(alone, instances[0]);
    const expected = await settled(alone);
    expect(expected.length).toBeGreaterThan(PRESSES.length);

    const people = Array.from({ length: PEOPLE - 1 }, () => new FakeUser(telegram, 'en'));
    await Promise.all(people.map((user) => converse(user)));
    const got = await Promise.all(people.map((user) => settled(user, expected.length)));
    for (const texts of got) expect(texts).toEqual(expected);

    // Both instances worked: every update went to them in turn.
    expect(turn).toBeGreaterThanOrEqual((PEOPLE - 1) * (PRESSES.length + 1));
    // One protection case per person, and its card posted once.
    const [cases] = await database.sql<Array<{ n: number }>>`select count(*)::int as n from cases`;
    expect(cases?.n).toBe(PEOPLE);
    const cards = slack.topLevel(HANDOFF_CHANNEL).map((m) => String(m.metadata?.event_payload['reference'] ?? ''));
    expect(cards).toHaveLength(PEOPLE);
    expect(new Set(cards).size).toBe(PEOPLE);
    const references = await database.sql<Array<{ reference: string }>>`select reference from cases`;
    expect([...cards].sort()).toEqual(references.map((r) => r.reference).sort());
    // (Thread notes, such as the person's answer about this phone, are posted under the cards.)
    expect(slack.callsOf('chat.postMessage').filter((c) => c.params['channel'] === HANDOFF_CHANNEL && c.params['thread_ts'] === undefined)).toHaveLength(PEOPLE);
    // Nothing left behind in the outbox.
    const [left] = await database.sql<Array<{ n: number }>>`select count(*)::int as n from outbox where delivered_at is null and dead_at is null`;
    expect(left?.n).toBe(0);
    expect(telegram.violations).toEqual([]);
    expect(slack.violations).toEqual([]);
  }, 90_000);

  it('keeps two updates of one chat sent to both instances at once from interleaving', async () => {
    const reference = new FakeUser(telegram, 'en');
    await converse(reference, instances[0]);
    const start = (await settled(reference)).length;
    expect(await post(reference.text('/help'), instances[0])).toBe(200);
    const help = (await settled(reference, start + 1)).slice(start);
    expect(await post(reference.text('/status'), instances[0])).toBe(200);
    const status = (await settled(reference, start + help.length + 1)).slice(start + help.length);

    const people = Array.from({ length: 5 }, () => new FakeUser(telegram, 'en'));
    await Promise.all(people.map((user) => converse(user)));
    const before = await Promise.all(people.map((user) => settled(user, start)));
    await Promise.all(
      people.map((user) => Promise.all([post(user.text('/help'), instances[0]), post(user.text('/status'), instances[1])])),
    );
    const after = await Promise.all(people.map((user) => settled(user, start + help.length + status.length)));
    for (const [i, texts] of after.entries()) {
      const got = texts.slice(before[i]?.length ?? 0);
      expect([JSON.stringify([...help, ...status]), JSON.stringify([...status, ...help])]).toContain(JSON.stringify(got));
    }
  }, 60_000);
});

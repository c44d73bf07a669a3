/**
 * The deployable worker, proven in workerd: the bundle `wrangler deploy --dry-run` writes, run by
 * Miniflare with wrangler.toml's settings and Hyperdrive, against PostgreSQL (a database of its own,
 * migrated with `npm run migrate` as a deploy is), and driven only through the fake Telegram Bot API
 * and the fake Slack (both check every call against the published specs).
 *
 * Needs PostgreSQL (WORKERD_TEST_DATABASE_URL, else TEST_DATABASE_URL, else 127.0.0.1:5432): under
 * CI its absence fails the run, elsewhere the file is skipped with a message saying so.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CRON_DAILY, CRON_OUTBOX } from '../../src/worker.js';
import { root, TEST_KEY } from '../support/app.js';
import { actionRequest, BOT_TOKEN, eventRequest, FakeSlack, HANDOFF_CHANNEL, SIGNING_SECRET, type SlackMessage, type SlackRequest } from '../support/fake-slack/index.js';
import { FakeTelegram, FakeUser, TelegramChat } from '../support/fake-telegram/index.js';
import { buildBundle, GZIP_LIMIT_BYTES, type Bundle } from './bundle.js';
import { createOwnDatabase, postgresAnswers, SERVER_URL, type OwnDatabase } from './postgres.js';
import { readWranglerConfig, startWorker, type WorkerInWorkerd } from './worker-harness.js';

const run = promisify(execFile);
const havePostgres = await postgresAnswers();
const underCi = Boolean(process.env['CI']) && process.env['CI'] !== 'false';
if (!havePostgres && !underCi) {
  console.warn(`workerd test skipped: no PostgreSQL answers at ${SERVER_URL.replace(/\/\/[^@]*@/, '//')} (start it, or point WORKERD_TEST_DATABASE_URL or TEST_DATABASE_URL at one; under CI this fails)`);
}

const SECRET = 'workerd-webhook-secret_1';
/** The newest migration this deployment expects, from drizzle-kit's journal. */
const newestMigration = (JSON.parse(readFileSync(join(root, 'drizzle', 'meta', '_journal.json'), 'utf8')) as { entries: Array<{ tag: string }> }).entries.at(-1)?.tag;
const COUNSELLOR = 'UCOUNS7';
/** Waits for what the worker does after its response (Bolt's listeners, the outbox): polled. */
const WAIT_MS = 15_000;

async function eventually(check: () => void | Promise<void>, timeoutMs = WAIT_MS): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      await check();
      return;
    } catch (error) {
      if (Date.now() > until) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

describe.runIf(!havePostgres && underCi)('the workerd test under CI', () => {
  it('has PostgreSQL', () => {
    throw new Error(`PostgreSQL does not answer at ${SERVER_URL}; under CI the workerd test must run`);
  });
});

describe.runIf(havePostgres)('the worker in workerd', () => {
  let bundle: Bundle;
  let database: OwnDatabase;
  let telegram: FakeTelegram;
  let slack: FakeSlack;
  let worker: WorkerInWorkerd;
  const started = Date.now();

  beforeAll(async () => {
    [bundle, database, telegram, slack] = await Promise.all([buildBundle(), createOwnDatabase(), FakeTelegram.start(), FakeSlack.start()]);
    // Not migrated yet: the worker starts on an empty database, as after a deploy that forgot it.
    worker = await startWorker({
      bundle,
      hyperdriveUrl: database.hyperdriveUrl,
      secrets: {
        DATA_ENCRYPTION_KEY: TEST_KEY,
        TELEGRAM_BOT_TOKEN: telegram.token,
        TELEGRAM_WEBHOOK_SECRET: SECRET,
        SLACK_BOT_TOKEN: BOT_TOKEN,
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
      },
      vars: { TELEGRAM_API_ROOT: telegram.apiRoot, SLACK_API_URL: slack.url, SLACK_HANDOFF_CHANNEL: HANDOFF_CHANNEL, SLACK_TEAM_ID: 'T1', LOG_LEVEL: 'warn' },
    });
  }, 180_000);

  afterAll(async () => {
    await database?.quiet().catch(() => undefined);
    await worker?.dispose();
    await Promise.all([telegram?.close(), slack?.stop(), database?.drop()]);
    // WORKERD_TEST_LOGS=1 shows what the worker logged.
    if (process.env['WORKERD_TEST_LOGS']) console.log(worker?.logs.join('\n'));
    const size = bundle ? `; bundle ${(bundle.bytes / 1024).toFixed(0)} KiB, gzip ${(bundle.gzipBytes / 1024).toFixed(0)} KiB` : '';
    console.log(`workerd test: ${((Date.now() - started) / 1000).toFixed(1)} s${size}`);
  }, 60_000);

  it('is a bundle within the size target, with the settings the code expects', () => {
    expect(bundle.gzipBytes).toBeLessThanOrEqual(GZIP_LIMIT_BYTES);
    const config = readWranglerConfig();
    expect(config.compatibility_flags).toContain('nodejs_compat');
    expect(config.triggers.crons).toEqual([CRON_OUTBOX, CRON_DAILY]);
    expect(config.hyperdrive.map((h: { binding: string }) => h.binding)).toEqual(['HYPERDRIVE']);
  });

  it('answers 503 with what to do while the database is behind, and serves once it is migrated', async () => {
    const behind = await worker.fetch('/healthz');
    expect(behind.status).toBe(503);
    expect(await behind.json()).toEqual({
      error: {
        code: 'schema_behind',
        message: expect.stringContaining('npm run migrate'),
        expected: newestMigration,
        applied: null,
      },
    });
    expect(worker.logs.some((l) => l.includes('database schema is behind'))).toBe(true);

    await run('npm', ['run', '--silent', 'migrate'], { cwd: root, env: { ...process.env, DATABASE_URL: database.url, DATA_ENCRYPTION_KEY: TEST_KEY } });
    const healthy = await worker.fetch('/healthz');
    expect(healthy.status).toBe(200);
    expect(await healthy.json()).toEqual({ status: 'ok', database: 'up' });
  }, 60_000);

  it('takes a Telegram conversation to a case, a Slack claim, and a threaded reply back to Telegram', async () => {
    const logMark = worker.logs.length;
    const chat = new TelegramChat(worker.proxy, telegram, new FakeUser(telegram, 'en'), SECRET);
    const sentTo = () => telegram.callsTo('sendMessage', chat.user.id).filter((c) => c.status === 200).map((c) => String(c.params['text']));

    // The person: /start, English, consent, "talk to a counsellor": each answered within the webhook.
    const first = await chat.text('/start');
    expect(first.status).toBe(200);
    expect(first.sent.length).toBeGreaterThan(0);
    await chat.pressLabel('English');
    await chat.press('agree');
    const asked = await chat.press('counsellor');
    expect(asked.status).toBe(200);

    // The case card reaches the handoff channel (the outbox, after the response).
    let card: SlackMessage | undefined;
    await eventually(() => {
      card = slack.topLevel(HANDOFF_CHANNEL).at(-1);
      expect(card?.metadata?.event_type).toBe('avrr_case');
    });
    if (!card) throw new Error('no card');
    const reference = String(card.metadata?.event_payload['reference']);
    expect(card.metadata?.event_payload).toMatchObject({ kind: 'question', language: 'en', status: 'submitted' });

    // The counsellor is a dashboard user linked to their Slack account (the app acts only for staff).
    await database.sql`insert into users (email, role, slack_user_id, created_at, updated_at) values ('counsellor@example.org', 'counsellor', ${COUNSELLOR}, now(), now()) on conflict do nothing`;
    // A counsellor claims it in Slack: Bolt in workerd acks, the card shows who, the person is told.
    const claim = await postSlack(actionRequest(COUNSELLOR, { action_id: 'case.claim', block_id: `case:${reference}`, value: reference }, card, new Date()));
    expect(claim.status).toBe(200);
    await eventually(() => {
      expect(JSON.stringify(slack.find(card!.channel, card!.ts)?.blocks)).toContain(`<@${COUNSELLOR}>`);
      expect(sentTo().at(-1)).toContain('counsellor');
    });

    // The person writes: it lands in the card's thread.
    await chat.text('Hello, I have a question about my passport');
    await eventually(() => expect(slack.thread(card!.channel, card!.ts).map((m) => m.text)).toContain('💬 Hello, I have a question about my passport'));

    // The counsellor answers in the thread: the person gets it on Telegram, and Slack shows ✅.
    const answer = slack.postAsUser(card.channel, COUNSELLOR, 'We can help. Do you have any ID?', card.ts);
    const event = { type: 'message', channel: card.channel, user: COUNSELLOR, text: answer.text, ts: answer.ts, thread_ts: card.ts };
    expect((await postSlack(eventRequest(event, new Date()))).status).toBe(200);
    await eventually(() => {
      expect(sentTo().filter((t) => t.includes('Do you have any ID?'))).toEqual(['<b>Counsellor:</b> We can help. Do you have any ID?']);
      expect(slack.find(card!.channel, answer.ts)?.reactions).toEqual(['white_check_mark']);
    });

    // A cold start made no getMe call (botInfo comes from configuration), and every call was valid.
    expect(telegram.callsTo('getMe')).toEqual([]);
    expect(telegram.violations).toEqual([]);
    expect(slack.violations).toEqual([]);
    expect(worker.logs.slice(logMark).filter((l) => l.includes('"level":"error"'))).toEqual([]);

    // Telegram says to wait a minute (429): the reply waits in the outbox, and once the minute has
    // passed (moved forward in the database) the every-minute cron delivers it.
    await database.quiet();
    telegram.fail('sendMessage', { status: 429, retryAfter: 60 }, 1, chat.user.id);
    const later = slack.postAsUser(card.channel, COUNSELLOR, 'Are you free on Monday?', card.ts);
    await postSlack(eventRequest({ type: 'message', channel: card.channel, user: COUNSELLOR, text: later.text, ts: later.ts, thread_ts: card.ts }, new Date()));
    await database.quiet();
    expect(sentTo().some((t) => t.includes('Are you free on Monday?'))).toBe(false);
    const waiting = await database.sql<{ attempts: number }[]>`select attempts from outbox where delivered_at is null and dead_at is null`;
    expect(waiting).toEqual([{ attempts: 1 }]);
    await database.sql`update outbox set next_attempt_at = ${new Date()} where delivered_at is null and dead_at is null`;
    await worker.scheduled(CRON_OUTBOX);
    expect(sentTo().filter((t) => t.includes('Are you free on Monday?'))).toHaveLength(1);
    await eventually(() => expect(slack.find(card!.channel, later.ts)?.reactions).toEqual(['white_check_mark']));
  }, 120_000);

  it('sweeps on the daily trigger: abandoned conversations and expired sign-in links', async () => {
    // Someone who chose a language and left: their conversation is 40 days old.
    const gone = new TelegramChat(worker.proxy, telegram, new FakeUser(telegram, 'en'), SECRET);
    await gone.text('/start');
    await gone.pressLabel('English');
    await database.quiet();
    const longAgo = new Date(Date.now() - 40 * 24 * 3_600_000);
    await database.sql`
      update sessions set updated_at = ${longAgo}
      where contact_id = (select id from contacts where channel = 'telegram' and channel_user_id = ${String(gone.user.id)})`;
    const expired = new Date(Date.now() - 3 * 24 * 3_600_000);
    const valid = new Date(Date.now() + 10 * 60_000);
    await database.sql`insert into login_tokens (token_hash, expires_at, issued_by, created_at) values ('expired-link', ${expired}, 'test', ${longAgo}), ('valid-link', ${valid}, 'test', ${longAgo})`;

    // The every-minute trigger does not sweep; the daily one does.
    await worker.scheduled(CRON_OUTBOX);
    expect(await sessionsOf(gone.user.id)).toBe(1);
    await worker.scheduled(CRON_DAILY);
    expect(await sessionsOf(gone.user.id)).toBe(0);
    const links = await database.sql<{ token_hash: string }[]>`select token_hash from login_tokens order by token_hash`;
    expect(links.map((l) => l.token_hash)).toEqual(['valid-link']);
    // The person with a case keeps their conversation.
    const [kept] = await database.sql<{ n: number }[]>`select count(*)::int as n from sessions join cases using (contact_id)`;
    expect(kept?.n).toBeGreaterThan(0);
  }, 60_000);

  async function postSlack(request: SlackRequest): Promise<Response> {
    return worker.fetch('/slack/events', { method: 'POST', headers: request.headers, body: request.body });
  }

  async function sessionsOf(telegramUserId: number): Promise<number> {
    const [row] = await database.sql<{ n: number }[]>`
      select count(*)::int as n from sessions s join contacts c on c.id = s.contact_id
      where c.channel = 'telegram' and c.channel_user_id = ${String(telegramUserId)}`;
    return row?.n ?? -1;
  }
});

/**
 * The in-process part of the bench: the engine alone, a whole turn through the conversation
 * service (what `npm run bench` measured before it drove HTTP), and what each kind of Telegram
 * update costs in SQL statements, transactions and Bot API calls, counted on a database whose
 * drizzle logger counts every statement. Each update is posted to the real webhook route with
 * `app.request()`; its replies go to the lean fake Bot API.
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { createApp } from '../src/app.js';
import { createCipher, createStores, migrateDatabase, schema, type Database, type Db } from '../src/db/index.js';
import { newSession, step } from '../src/engine/index.js';
import type { Inbound } from '../src/engine/types.js';
import { parseEnv } from '../src/env.js';
import { loadCheckedContent } from '../src/flow/load.js';
import { readContentSource } from '../src/flow/read-dir.js';
import { Translator } from '../src/i18n/translator.js';
import { silentLogger } from '../src/log.js';
import { nodeAesGcm } from '../src/node/aes-gcm.js';
import { FakeBotApi, type KeyboardMessage } from './fake-bot-api.js';
import { choose, percentile, SECRET } from './load.js';
import { createBenchDatabase } from './postgres.js';
import { root } from './processes.js';

export interface StatementCount {
  database: 'pglite' | 'postgres';
  update: string;
  statements: number;
  transactions: number;
  botApiCalls: number;
}

export interface InProcessResult {
  engineStepP50Ms: number;
  engineStepP95Ms: number;
  turnP50Ms: number;
  turnP95Ms: number;
  turns: number;
  statements: StatementCount[];
}

interface Counted {
  database: Database;
  count: { statements: number; transactions: number };
}

/** Counts statements with drizzle's logger and transactions by wrapping `transaction`. */
function counting(db: Db, count: Counted['count']): Db {
  const transaction = db.transaction.bind(db);
  db.transaction = ((fn, config) => {
    count.transactions++;
    return transaction(fn, config);
  }) as Db['transaction'];
  return db;
}

async function countedPglite(): Promise<Counted> {
  const { PGlite } = await import('@electric-sql/pglite');
  const client: PGlite = await PGlite.create();
  const count = { statements: 0, transactions: 0 };
  const db = counting(drizzlePglite({ client, schema, logger: { logQuery: () => count.statements++ } }), count);
  return { count, database: { db, driver: 'pglite', withLock: (_id, fn) => fn(), close: () => client.close() } };
}

async function countedPostgres(url: string, close: () => Promise<void>): Promise<Counted> {
  const client = postgres(url, { max: 10, onnotice: () => {} });
  const count = { statements: 0, transactions: 0 };
  const db = counting(drizzlePostgres({ client, schema, logger: { logQuery: () => count.statements++ } }), count);
  return {
    count,
    database: {
      db,
      driver: 'postgres',
      withLock: (_id, fn) => fn(),
      close: async () => {
        await client.end({ timeout: 5 });
        await close();
      },
    },
  };
}

const content = loadCheckedContent(readContentSource(root));
const KEY = `bench:${Buffer.alloc(32, 3).toString('base64')}`;

async function countStatements(kind: 'pglite' | 'postgres', counted: Counted, fake: FakeBotApi): Promise<StatementCount[]> {
  const { database, count } = counted;
  await migrateDatabase(database);
  const env = parseEnv({
    DATA_ENCRYPTION_KEY: KEY,
    TELEGRAM_BOT_TOKEN: fake.token,
    TELEGRAM_WEBHOOK_SECRET: SECRET,
    TELEGRAM_API_ROOT: fake.apiRoot,
    LOG_LEVEL: 'silent',
  });
  const clock = (): Date => new Date();
  const stores = createStores(database, await createCipher(KEY, { aesGcm: nodeAesGcm }), { clock });
  const app = createApp({ env, content, stores, log: silentLogger, clock });
  const chatId = 777_000_000 + Math.floor(Math.random() * 1_000_000);
  let updateId = 1;
  let last: KeyboardMessage | null = null;
  const from = { id: chatId, is_bot: false, first_name: 'Bench', language_code: 'en' };
  const chat = { id: chatId, type: 'private', first_name: 'Bench' };
  const post = async (label: string, update: Record<string, unknown>): Promise<StatementCount> => {
    // The lists snapshot loads once per 30 s outside any turn: loaded before counting starts.
    const before = { ...count, calls: [...fake.counts.values()].reduce((a, b) => a + b, 0) };
    const response = await app.app.request('/telegram/webhook', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET },
      body: JSON.stringify({ update_id: updateId++, ...update }),
    });
    if (response.status !== 200) throw new Error(`${label}: webhook answered ${response.status}`);
    await app.idle();
    last = await fake.keyboardAfter(chatId, last?.messageId ?? 0);
    return {
      database: kind,
      update: label,
      statements: count.statements - before.statements,
      transactions: count.transactions - before.transactions,
      botApiCalls: [...fake.counts.values()].reduce((a, b) => a + b, 0) - before.calls,
    };
  };
  const press = (label: string): Promise<StatementCount> => {
    const message = last;
    if (!message) throw new Error('nothing to press');
    const button = choose(message.buttons, 0);
    if (!button) throw new Error('no button');
    return post(label, {
      callback_query: {
        id: randomUUID(),
        from,
        chat_instance: 'ci',
        data: button.data,
        message: {
          message_id: message.messageId,
          chat,
          date: Math.floor(Date.now() / 1000),
          text: message.text,
          reply_markup: { inline_keyboard: message.buttons.map((b) => [{ text: b.text, callback_data: b.data }]) },
        },
      },
    });
  };
  const text = (label: string, body: string) =>
    post(label, { message: { message_id: updateId, from, chat, date: Math.floor(Date.now() / 1000), text: body } });
  const counts: StatementCount[] = [];
  // The first update of a new person, warming the lists snapshot, is not counted.
  await text('first /start', '/start');
  counts.push(await text('/start (known person)', '/start'));
  counts.push(await press('press: a language'));
  counts.push(await press('press: agree to the notice'));
  counts.push(await press('press: a menu entry'));
  counts.push(await press('press: a topic (steady state)'));
  counts.push(await text('typed text at a question', 'hello'));
  await database.close();
  return counts;
}

export async function measureInProcess(postgresServer: string | null): Promise<InProcessResult> {
  // 1. The pure engine: a first message, then the language choice and the consent notice.
  const translator = new Translator(content);
  const ctx = { now: new Date(), languages: translator.languages, label: (l: string, k: string) => translator.label(l, k) };
  const engineTimes: number[] = [];
  for (let i = 0; i < 5_000; i++) {
    const t0 = performance.now();
    let s = step(content, newSession('en'), { kind: 'command', command: 'start' }, ctx).session;
    s = step(content, s, { kind: 'choice', id: 'en' }, ctx).session;
    step(content, s, { kind: 'text', text: 'not a button' }, ctx);
    engineTimes.push((performance.now() - t0) / 3);
  }

  // 2. Whole turns through the conversation service on the embedded database, one at a time.
  const fake = await FakeBotApi.start();
  const turnTimes: number[] = [];
  const statements: StatementCount[] = [];
  try {
    const { database } = await countedPglite();
    await migrateDatabase(database);
    const clock = (): Date => new Date();
    const stores = createStores(database, await createCipher(KEY, { aesGcm: nodeAesGcm }), { clock });
    const app = createApp({ env: parseEnv({ DATA_ENCRYPTION_KEY: KEY, LOG_LEVEL: 'silent' }), content, stores, log: silentLogger, clock });
    const script: Inbound[] = [
      { kind: 'command', command: 'start' },
      { kind: 'choice', id: 'en' },
      { kind: 'command', command: 'menu' },
      { kind: 'text', text: 'hello' },
      { kind: 'command', command: 'help' },
    ];
    for (let person = 0; person < 60; person++) {
      const key = { channel: 'web' as const, channelUserId: `bench-${person}` };
      for (const inbound of script) {
        const t0 = performance.now();
        await app.service.handle({ ...key, updateId: randomUUID(), inbound, receivedAt: new Date() });
        turnTimes.push(performance.now() - t0);
      }
    }
    await database.close();

    // 3. Statements per Telegram update.
    statements.push(...(await countStatements('pglite', await countedPglite(), fake)));
    if (postgresServer) {
      const own = await createBenchDatabase('avrr_bench_count', postgresServer);
      statements.push(...(await countStatements('postgres', await countedPostgres(own.url, own.drop), fake)));
    }
  } finally {
    await fake.close();
  }
  return {
    engineStepP50Ms: +percentile(engineTimes, 50).toFixed(4),
    engineStepP95Ms: +percentile(engineTimes, 95).toFixed(4),
    turnP50Ms: +percentile(turnTimes, 50).toFixed(2),
    turnP95Ms: +percentile(turnTimes, 95).toFixed(2),
    turns: turnTimes.length,
    statements,
  };
}

/**
 * The real app with the Telegram channel on, talking to a fake Bot API on loopback, with a clock
 * the test can move (the outbox waits by it). Each test file starts one fake and asserts at the
 * end that the app never made an invalid Bot API call.
 */
import { join } from 'node:path';
import { Hono } from 'hono';
import { afterAll, beforeAll, expect } from 'vitest';
import { createTelegramAdapter, type TelegramOptions } from '../../../src/channels/telegram/index.js';
import { createRateLimiter } from '../../../src/conversation/rate-limits.js';
import { createWebAdapter } from '../../../src/channels/web/adapter.js';
import type { ConversationService } from '../../../src/conversation/types.js';
import { createApp, type Built } from '../../../src/app.js';
import { createCipher, createStores, type Database } from '../../../src/db/index.js';
import { parseEnv, type Env } from '../../../src/env.js';
import { silentLogger, type Logger } from '../../../src/log.js';
import { NOW, realContent, root, TEST_KEY, UNLIMITED } from '../../support/app.js';
import { FakeTelegram, FakeUser, TelegramChat } from '../../support/fake-telegram/index.js';

export const SECRET = 'test-webhook-secret_1';

export class Clock {
  now = new Date(NOW);
  advance(ms: number): void {
    this.now = new Date(this.now.getTime() + ms);
  }
}

export interface Harness extends Built {
  env: Env;
  stores: ReturnType<typeof createStores>;
  /** The same stores with the clock stopped at `at` (seeding history). */
  storesAt(at: Date): ReturnType<typeof createStores>;
  fake: FakeTelegram;
  clock: Clock;
  /** A new person (their own chat), with a Telegram language code if given. */
  person(languageCode?: string): TelegramChat;

}

export async function telegramHarness(
  database: Database,
  fake: FakeTelegram,
  options: { env?: Record<string, string>; log?: Logger; telegram?: TelegramOptions } = {},
): Promise<Harness> {
  const clock = new Clock();
  const env = parseEnv({
    DATA_ENCRYPTION_KEY: TEST_KEY,
    ...UNLIMITED,
    PGLITE_DIR: join(root, '.data', 'unused'),
    TELEGRAM_BOT_TOKEN: fake.token,
    TELEGRAM_WEBHOOK_SECRET: SECRET,
    TELEGRAM_API_ROOT: fake.apiRoot,
    ...options.env,
  });
  const cipher = await createCipher(TEST_KEY);
  const stores = createStores(database, cipher, { clock: () => clock.now });
  const built = createApp({
    env,
    content: realContent(),
    stores,
    log: options.log ?? silentLogger,
    clock: () => clock.now,
    channels: [createWebAdapter, (ctx) => createTelegramAdapter(ctx, options.telegram)],
  });
  return {
    ...built,
    env,
    stores,
    storesAt: (at) => createStores(database, cipher, { clock: () => at }),
    fake,
    clock,
    person: (languageCode) => new TelegramChat(built.app, fake, new FakeUser(fake, languageCode), SECRET),
  };
}

/**
 * Another Telegram adapter on the harness's stores, mounted on a core of the test's choosing (a
 * service that fails, a database that seems down, other page sizes); its routes as an app.
 */
export function extraTelegram(
  h: Harness,
  o: { service?: ConversationService; healthy?: boolean; log?: Logger; options?: TelegramOptions } = {},
): Hono {
  const health = o.healthy === undefined ? h.stores.health : { ping: async () => (o.healthy ? undefined : Promise.reject(new Error('down'))) };
  const adapter = createTelegramAdapter(
    {
      env: h.env,
      content: realContent(),
      translator: h.translator,
      cases: h.stores.cases,
      conversations: h.stores.conversations,
      outbox: h.stores.outbox,
      health,
      db: h.stores.db,
      limiter: createRateLimiter(h.stores.rateLimits),
      after: h.stores.after,
      clock: () => h.clock.now,
      log: o.log ?? silentLogger,
    },
    o.options,
  );
  if (!adapter) throw new Error('extraTelegram: the harness has Telegram off');
  const mounted = adapter.mount({
    service: o.service ?? h.service,
    workflow: h.workflow,
    appointments: h.appointments,
    flush: (b) => h.worker.run(b),
    settle: (b) => h.worker.settle(b),
    staff: { byToolUser: async () => null, linkByEmail: async () => null },
    loginLink: async () => null,
  });
  if (!mounted.routes) throw new Error('extraTelegram: no webhook routes');
  return new Hono().route('/', mounted.routes);
}

/** Starts a fake Bot API for the file; after the file, it must have seen no invalid call. */
export function useFakeTelegram(): () => FakeTelegram {
  let fake: FakeTelegram | undefined;
  beforeAll(async () => {
    fake = await FakeTelegram.start();
  });
  afterAll(async () => {
    await fake?.close();
    expect(fake?.violations ?? []).toEqual([]);
  });
  return () => {
    if (!fake) throw new Error('the fake Bot API starts in beforeAll');
    return fake;
  };
}

/** A logger that keeps what it is told, for tests that look at the log. */
export function memoryLogger(): Logger & { lines: Array<{ level: string; message: string }> } {
  const lines: Array<{ level: string; message: string }> = [];
  return { lines, log: (level, message) => void lines.push({ level, message }) };
}

export const texts = (sent: Array<{ params: Record<string, unknown> }>): string[] => sent.map((c) => String(c.params['text']));

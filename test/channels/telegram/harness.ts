/**
 * The real app with the Telegram channel on, talking to a fake Bot API on loopback, with a clock
 * the test can move (the outbox waits by it). Each test file starts one fake and asserts at the
 * end that the app never made an invalid Bot API call.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import { createApp, type Built } from '../../../src/app.js';
import { createCipher, createStores, type Database } from '../../../src/db/index.js';
import { parseEnv, type Env } from '../../../src/env.js';
import { silentLogger, type Logger } from '../../../src/log.js';
import { NOW, realContent, root, TEST_KEY } from '../../support/app.js';
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
  fake: FakeTelegram;
  clock: Clock;
  /** A new person (their own chat), with a Telegram language code if given. */
  person(languageCode?: string): TelegramChat;
}

export async function telegramHarness(
  database: Database,
  fake: FakeTelegram,
  options: { env?: Record<string, string>; log?: Logger } = {},
): Promise<Harness> {
  const clock = new Clock();
  const env = parseEnv({
    DATA_ENCRYPTION_KEY: TEST_KEY,
    PGLITE_DIR: join(root, '.data', 'unused'),
    TELEGRAM_BOT_TOKEN: fake.token,
    TELEGRAM_WEBHOOK_SECRET: SECRET,
    TELEGRAM_API_ROOT: fake.apiRoot,
    ...options.env,
  });
  const stores = createStores(database, await createCipher(TEST_KEY));
  const built = createApp({ env, content: realContent(), stores, log: options.log ?? silentLogger, clock: () => clock.now });
  return {
    ...built,
    env,
    stores,
    fake,
    clock,
    person: (languageCode) => new TelegramChat(built.app, fake, new FakeUser(fake, languageCode), SECRET),
  };
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

/** The real app on a test database, with a fixed clock and key: what channel and scenario tests drive. */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApp, type Built } from '../../src/app.js';
import type { AdapterFactory } from '../../src/channels/index.js';
import { createCipher, createStores, type Database } from '../../src/db/index.js';
import { parseEnv, type Env } from '../../src/env.js';
import { loadCheckedContent } from '../../src/flow/load.js';
import { readContentSource } from '../../src/flow/read-dir.js';
import { silentLogger } from '../../src/log.js';
import type { Content } from '../../src/flow/content.js';

export const root = fileURLToPath(new URL('../..', import.meta.url));
/** A fixed key for tests only. */
export const TEST_KEY = `test:${Buffer.alloc(32, 7).toString('base64')}`;
export const NOW = new Date('2026-11-23T10:00:00Z');

/**
 * Every request of a test comes from one address and from few people: the flood limits are raised
 * out of the way, except in the tests of the limits themselves (which pass the defaults back).
 */
export const UNLIMITED: Record<string, string> = {
  WEB_NEW_CONVERSATIONS_PER_HOUR: '1000000',
  WEB_MESSAGES_PER_MINUTE: '1000000',
  WEB_REQUESTS_PER_MINUTE_PER_ADDRESS: '1000000',
  TELEGRAM_MESSAGES_PER_MINUTE: '1000000',
};

let cached: Content | undefined;
/** The repository's flows and locales, checked (both passes), loaded once per test file. */
export function realContent(): Content {
  cached ??= loadCheckedContent(readContentSource(root));
  return cached;
}

export interface TestApp extends Built {
  env: Env;
  stores: ReturnType<typeof createStores>;
  /** The same stores with the clock stopped at `at`: what they write is stamped with it (seeding history). */
  storesAt(at: Date): ReturnType<typeof createStores>;
}

export interface TestAppOptions {
  /** The app's one clock (default: stopped at NOW). */
  clock?: () => Date;
  /** The channels (default: every channel this service has). */
  channels?: readonly AdapterFactory[];
}

export async function testApp(database: Database, env: Record<string, string> = {}, options: TestAppOptions = {}): Promise<TestApp> {
  const parsed = parseEnv({ DATA_ENCRYPTION_KEY: TEST_KEY, PGLITE_DIR: join(root, '.data', 'unused'), ...UNLIMITED, ...env });
  const cipher = await createCipher(TEST_KEY);
  const clock = options.clock ?? (() => NOW);
  const stores = createStores(database, cipher, { clock });
  const built = createApp({ env: parsed, content: realContent(), stores, log: silentLogger, clock, ...(options.channels ? { channels: options.channels } : {}) });
  return { ...built, env: parsed, stores, storesAt: (at) => createStores(database, cipher, { clock: () => at }) };
}

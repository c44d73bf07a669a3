/** Node only: opens the database, checks the content and builds the app, for the server and the CLIs. */
import { createApp, type Built } from '../app.js';
import { createCipher, createStores, type Database } from '../db/index.js';
import { ConfigError, productionProblems, type Env } from '../env.js';
import type { Content } from '../flow/content.js';
import { loadCheckedContent } from '../flow/load.js';
import { readContentSource } from '../flow/read-dir.js';
import type { Logger } from '../log.js';
import { nodeAesGcm } from './aes-gcm.js';
import { resolveEncryptionKey } from './encryption-key.js';
import { openServiceDatabase } from './open-database.js';

export interface Started extends Built {
  database: Database;
  content: Content;
}

/** `thread`: the embedded database runs in a thread of its own (the server; see pglite-thread/). */
export async function startServices(env: Env, log: Logger, options: { memory?: boolean; root?: string; thread?: boolean } = {}): Promise<Started> {
  const problems = productionProblems(env);
  if (problems.length > 0) throw new ConfigError(`not fit for production (NODE_ENV=production):\n${problems.map((p) => `  ${p}`).join('\n')}`);
  const content = loadCheckedContent(readContentSource(options.root ?? process.cwd()));
  const database = await openServiceDatabase(env, {
    ...(options.memory ? { memory: true } : {}),
    ...(options.thread ? { thread: true } : {}),
    prepare: true,
    warn: (m) => log.log('warn', m),
  });
  const dataKey = await resolveEncryptionKey(env, log);
  const clock = (): Date => new Date();
  const stores = createStores(database, await createCipher(dataKey, { aesGcm: nodeAesGcm }), { clock });
  // The key resolved here (possibly generated into the data directory) is the one the app sees.
  return { ...createApp({ env: { ...env, DATA_ENCRYPTION_KEY: dataKey }, content, stores, log, clock }), database, content };
}

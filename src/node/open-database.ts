/**
 * Node only: opens the configured database (DATABASE_URL, else the embedded one in PGLITE_DIR) and
 * migrates it, for the server and the CLIs alike. The embedded database's directory, and the key and
 * secrets beside it, are private to this user whoever creates them first.
 */
import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fromPglite, migrateDatabase, openDatabase, type Database } from '../db/index.js';
import type { Env } from '../env.js';
import { PgliteThread } from './pglite-thread/client.js';
import { privateByDefault, privateDataDir, tightenInside } from './private-files.js';

export interface OpenOptions {
  /** An in-memory embedded database (tests, `chat`). */
  memory?: boolean;
  poolMax?: number;
  /** PostgreSQL: named prepared statements (one round trip per statement instead of two). */
  prepare?: boolean;
  /**
   * The embedded database in a thread of its own (pglite-thread/): its WebAssembly and the
   * service's JavaScript then use two cores instead of taking turns on one. In process otherwise.
   */
  thread?: boolean;
  /** Leave the schema as it is (`migrate --check`). */
  migrate?: boolean;
  /** Told when a directory others could read has been made private. */
  warn?: (message: string) => void;
}

export async function openServiceDatabase(env: Pick<Env, 'DATABASE_URL' | 'PGLITE_DIR'>, options: OpenOptions = {}): Promise<Database> {
  privateByDefault();
  const embeddedDir = !env.DATABASE_URL && !options.memory ? resolve(env.PGLITE_DIR) : null;
  if (embeddedDir) {
    // The key file and other secrets live beside the data directory: a new parent is private too.
    await mkdir(dirname(embeddedDir), { recursive: true, mode: 0o700 });
    await privateDataDir(embeddedDir, options.warn);
  }
  const database =
    embeddedDir && options.thread
      ? await fromPglite((await PgliteThread.start(embeddedDir)).asPglite())
      : await openDatabase(
          env.DATABASE_URL
            ? { databaseUrl: env.DATABASE_URL, ...(options.poolMax ? { poolMax: options.poolMax } : {}), ...(options.prepare ? { prepare: true } : {}) }
            : embeddedDir
              ? { pgliteDir: embeddedDir }
              : { memory: true },
        );
  if (options.migrate !== false) await migrateDatabase(database);
  // The embedded database writes its files as 0666 whatever the umask.
  if (embeddedDir) await tightenInside(embeddedDir);
  return database;
}

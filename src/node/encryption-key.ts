/** Node only: the data key for a zero-setup start, kept beside the embedded database. */
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { datedKeyId, generateKey } from '../db/index.js';
import { ConfigError, type Env } from '../env.js';
import { refuseIfShared } from './private-files.js';
import type { Logger } from '../log.js';

/**
 * DATA_ENCRYPTION_KEY when set. Otherwise, on the embedded database only, a key generated once
 * into the data directory (with a warning); with PostgreSQL a missing key is a configuration error.
 */
export async function resolveEncryptionKey(env: Env, log: Logger): Promise<string> {
  if (env.DATA_ENCRYPTION_KEY) return env.DATA_ENCRYPTION_KEY;
  if (env.DATABASE_URL) throw new ConfigError('DATA_ENCRYPTION_KEY is required with DATABASE_URL (see README: Configuration)');
  const file = join(dirname(env.PGLITE_DIR), 'encryption.key');
  await refuseIfShared(file, 'the key file');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    // Only a missing file means "no key yet": any other failure must not make a new key, or every
    // row written with the old one would stop opening.
    if (!(error instanceof Error && 'code' in error && error.code === 'ENOENT')) throw error;
    await mkdir(dirname(file), { recursive: true, mode: 0o700 });
    const key = generateKey(datedKeyId(new Date()));
    await writeFile(file, `${key}\n`, { mode: 0o600 });
    await chmod(file, 0o600);
    log.log('warn', 'generated a development encryption key; set DATA_ENCRYPTION_KEY in production', { file });
    return key;
  }
  return text.trim();
}

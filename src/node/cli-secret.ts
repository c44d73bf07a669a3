/**
 * Node only: the secret with which `npm run user:add` proves to the running service that it runs
 * on the same machine, under the same account. A fresh one is written at every start, beside the
 * embedded database and the development key, readable only by its owner.
 */
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { randomToken } from '../dashboard/security.js';
import type { Env } from '../env.js';

export function cliSecretFile(env: Env): string {
  return join(dirname(env.PGLITE_DIR), 'cli.secret');
}

/** Writes a new secret; null (and the loopback endpoint stays off) when the directory is not writable. */
export async function writeCliSecret(env: Env): Promise<string | null> {
  const file = cliSecretFile(env);
  const secret = randomToken();
  try {
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, `${secret}\n`, { mode: 0o600 });
    await chmod(file, 0o600);
    return secret;
  } catch {
    return null;
  }
}

export async function readCliSecret(env: Env): Promise<string | null> {
  try {
    return (await readFile(cliSecretFile(env), 'utf8')).trim() || null;
  } catch {
    return null;
  }
}

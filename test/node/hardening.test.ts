/**
 * The service's files and its configuration in production (the security review's M2, L6, L7):
 * the embedded database and key are private to the service's user, shared ones are refused;
 * production refuses plain http, a missing key and a remote database without TLS; and the TLS
 * setting in DATABASE_URL reaches the driver.
 */
import { chmod, mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/index.js';
import { ConfigError, parseEnv, productionProblems } from '../../src/env.js';
import { silentLogger } from '../../src/log.js';
import { startServices } from '../../src/node/start.js';
import { root } from '../support/app.js';

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});
async function scratch(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'avrr-hardening-'));
  dirs.push(dir);
  return dir;
}

async function everyMode(dir: string): Promise<Array<[string, number]>> {
  const out: Array<[string, number]> = [[dir, (await stat(dir)).mode & 0o777]];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    const path = join(entry.parentPath, entry.name);
    if (!entry.isSymbolicLink()) out.push([path, (await stat(path)).mode & 0o777]);
  }
  return out;
}

describe('the embedded database on disk', () => {
  it('creates the data directory, its files and the key readable by the owner only', async () => {
    const base = await scratch();
    const env = parseEnv({ PGLITE_DIR: join(base, 'data', 'pglite'), LOG_LEVEL: 'silent' });
    const started = await startServices(env, silentLogger, { root });
    await started.database.close();
    const shared = (await everyMode(join(base, 'data'))).filter(([, mode]) => (mode & 0o077) !== 0);
    expect(shared).toEqual([]);
    expect((await stat(join(base, 'data', 'encryption.key'))).mode & 0o777).toBe(0o600);
  }, 60_000);

  it('makes a data directory others could enter private (saying so), and refuses a key file others can read', async () => {
    const base = await scratch();
    await mkdir(join(base, 'pglite'), { mode: 0o755 });
    await chmod(join(base, 'pglite'), 0o755);
    const env = parseEnv({ PGLITE_DIR: join(base, 'pglite'), LOG_LEVEL: 'silent' });
    const warnings: string[] = [];
    const started = await startServices(env, { log: (level, message) => level === 'warn' && warnings.push(message) }, { root });
    await started.database.close();
    expect(warnings.join('\n')).toMatch(/could be entered by other users .* now private/);
    expect((await everyMode(join(base, 'pglite'))).filter(([, mode]) => (mode & 0o077) !== 0)).toEqual([]);
    const other = await scratch();
    await writeFile(join(other, 'encryption.key'), 'k1:AAAA\n', { mode: 0o644 });
    await chmod(join(other, 'encryption.key'), 0o644);
    const withKey = parseEnv({ PGLITE_DIR: join(other, 'pglite'), LOG_LEVEL: 'silent' });
    await expect(startServices(withKey, silentLogger, { root })).rejects.toThrow(ConfigError);
  }, 60_000);
});

describe('production', () => {
  const key = `k1:${Buffer.alloc(32, 1).toString('base64')}`;
  it('refuses plain http, a missing key and a remote database without TLS', () => {
    const problems = productionProblems(parseEnv({ NODE_ENV: 'production', PUBLIC_URL: 'http://avrr.example.org', DATABASE_URL: 'postgres://u@db.example.org/avrr' }));
    expect(problems).toHaveLength(3);
    expect(problems.join('\n')).toMatch(/https/);
    expect(problems.join('\n')).toMatch(/DATA_ENCRYPTION_KEY/);
    expect(problems.join('\n')).toMatch(/sslmode/);
  });

  it('accepts https, a key and TLS (or a database on this machine)', () => {
    expect(productionProblems(parseEnv({ NODE_ENV: 'production', PUBLIC_URL: 'https://avrr.example.org', DATA_ENCRYPTION_KEY: key, DATABASE_URL: 'postgres://u@db.example.org/avrr?sslmode=verify-full' }))).toEqual([]);
    expect(productionProblems(parseEnv({ NODE_ENV: 'production', PUBLIC_URL: 'https://avrr.example.org', DATA_ENCRYPTION_KEY: key, DATABASE_URL: 'postgres://u@127.0.0.1/avrr' }))).toEqual([]);
    // Development is not held to it.
    expect(productionProblems(parseEnv({ PUBLIC_URL: 'http://localhost:8787' }))).toEqual([]);
  });

  it('will not start in production with a problem', async () => {
    const env = parseEnv({ NODE_ENV: 'production', PUBLIC_URL: 'http://avrr.example.org', LOG_LEVEL: 'silent' });
    await expect(startServices(env, silentLogger, { root, memory: true })).rejects.toThrow(/not fit for production/);
  });
});

/** The CI server (and every machine of this project) runs PostgreSQL without TLS on 127.0.0.1. */
async function plainServerAnswers(): Promise<boolean> {
  const plain = await openDatabase({ databaseUrl: 'postgres://postgres@127.0.0.1:5432/test', poolMax: 1 });
  try {
    await plain.db.execute('select 1' as never);
    return true;
  } catch {
    return false;
  } finally {
    await plain.close();
  }
}
const serverUp = await plainServerAnswers();

describe('PostgreSQL TLS', () => {
  it.skipIf(!serverUp && process.env['CI'] !== 'true')('honours sslmode in DATABASE_URL: a server without TLS is refused when TLS is required', async () => {
    const database = await openDatabase({ databaseUrl: 'postgres://postgres@127.0.0.1:5432/test?sslmode=require', poolMax: 1 });
    try {
      // The CI server runs without TLS: with sslmode=require the driver must not fall back to plain.
      const failure = await database.db.execute('select 1' as never).then(
        () => 'connected in plain text',
        (error: unknown) => `${String(error)} ${String(error instanceof Error ? error.cause : '')}`,
      );
      expect(failure).toMatch(/SSL|TLS/i);
    } finally {
      await database.close();
    }
  });
});

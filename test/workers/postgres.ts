/**
 * PostgreSQL for the workerd test: the CI server (TEST_DATABASE_URL, else 127.0.0.1:5432), a
 * database of the test's own, and a way to tell when the worker has finished its work after a
 * response (its last database connection is closed).
 */
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';

/**
 * The server to create the test's database on (any database on it will do to connect): this test
 * always needs PostgreSQL, even when the rest of the suite runs on PGlite. WORKERD_TEST_DATABASE_URL
 * points it elsewhere than TEST_DATABASE_URL or the default.
 */
export const SERVER_URL = process.env['WORKERD_TEST_DATABASE_URL'] ?? process.env['TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';

const TEST_CONNECTION = 'avrr-workerd-test';

export async function postgresAnswers(url = SERVER_URL): Promise<boolean> {
  const sql = postgres(url, { max: 1, connect_timeout: 3, onnotice: () => {} });
  try {
    await sql`select 1`;
    return true;
  } catch {
    return false;
  } finally {
    await sql.end({ timeout: 1 }).catch(() => undefined);
  }
}

export interface OwnDatabase {
  name: string;
  /** Its URL, as `npm run migrate` and the worker's DATABASE_URL take it. */
  url: string;
  /** The same with a password, which Miniflare's Hyperdrive wants (trust auth ignores it). */
  hyperdriveUrl: string;
  /** The test's own connection to it (not counted as the worker's). */
  sql: postgres.Sql;
  /** Resolves once the worker has had no connection open for `quietMs` (its waitUntil work is done). */
  quiet(quietMs?: number, timeoutMs?: number): Promise<void>;
  drop(): Promise<void>;
}

export async function createOwnDatabase(serverUrl = SERVER_URL): Promise<OwnDatabase> {
  const name = `avrr_workerd_${randomBytes(4).toString('hex')}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const withPassword = new URL(url);
  if (!withPassword.password) withPassword.password = 'hyperdrive';
  const own = postgres(url.toString(), { max: 1, onnotice: () => {}, connection: { application_name: TEST_CONNECTION } });
  return {
    name,
    url: url.toString(),
    hyperdriveUrl: withPassword.toString(),
    sql: own,
    async quiet(quietMs = 300, timeoutMs = 30_000) {
      const until = Date.now() + timeoutMs;
      let quietSince: number | null = null;
      while (Date.now() < until) {
        const [row] = await admin<{ n: number }[]>`
          select count(*)::int as n from pg_stat_activity where datname = ${name} and application_name <> ${TEST_CONNECTION}`;
        if ((row?.n ?? 0) === 0) {
          quietSince ??= Date.now();
          if (Date.now() - quietSince >= quietMs) return;
        } else quietSince = null;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error(`the worker still had a connection to ${name} after ${timeoutMs} ms`);
    },
    async drop() {
      await own.end({ timeout: 5 });
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end({ timeout: 5 });
    },
  };
}

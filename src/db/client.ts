/**
 * Opens the database: PostgreSQL through postgres.js when a URL is given, else PGlite (embedded
 * Postgres in WebAssembly) in a directory or in memory. PGlite and everything Node-only is loaded
 * lazily, so a Workers bundle that only talks to PostgreSQL never pulls them in.
 */
import type { PGlite } from '@electric-sql/pglite';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { EMBEDDED_POSTGRES_CONF } from './embedded-settings.js';
import { pipelinedBegin } from './pipelined-begin.js';
import * as schema from './schema.js';

export type Schema = typeof schema;
/** The drizzle instance, the same type on both drivers. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Driver = 'pglite' | 'postgres';

export interface Database {
  db: Db;
  driver: Driver;
  /** Runs `fn` holding a PostgreSQL advisory lock (instances take turns); PGlite has one user. */
  withLock<T>(lockId: number, fn: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** `postgres://...`: use PostgreSQL. */
  databaseUrl?: string;
  /** PGlite data directory (created if missing). */
  pgliteDir?: string;
  /** PGlite in memory: nothing is kept after close (tests, demos). */
  memory?: boolean;
  /** PostgreSQL pool size (default 10). */
  poolMax?: number;
  /**
   * PostgreSQL: run every statement as a named prepared statement (see `preparing`). Off by default
   * for connection poolers that do not keep them (the Node entry turns it on).
   */
  prepare?: boolean;
}

/** Opens PostgreSQL when `databaseUrl` is set, else PGlite in `pgliteDir` or in memory. */
export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options.poolMax ?? 10, options.prepare ?? false);
  if (options.pgliteDir) {
    const { mkdir } = await import('node:fs/promises');
    await mkdir(options.pgliteDir, { recursive: true });
    const { PGlite } = await import('@electric-sql/pglite');
    return fromPglite(await PGlite.create({ dataDir: options.pgliteDir, postgresqlconf: EMBEDDED_POSTGRES_CONF }));
  }
  if (options.memory) {
    const { PGlite } = await import('@electric-sql/pglite');
    return fromPglite(await PGlite.create());
  }
  throw new Error('openDatabase: give databaseUrl, pgliteDir or memory: true');
}

/**
 * drizzle runs its statements through postgres.js as unnamed ones, and for those postgres.js asks
 * the server for the parameter types first and waits for the answer: two round trips per
 * statement. As named prepared statements (prepared once per connection and text), the first use
 * pipelines both and every later one is a single Bind/Execute. This wraps the client so that every
 * `unsafe` call, in transactions and savepoints too, asks for that, and a transaction's BEGIN
 * goes out with its first statement.
 */
function preparing(pool: postgres.Sql): postgres.Sql {
  const wrap = <T extends object>(target: T): T =>
    new Proxy(target, {
      get(object, property, receiver) {
        const value: unknown = Reflect.get(object, property, receiver);
        if (typeof value !== 'function') return value;
        if (property === 'unsafe') {
          return (query: string, params?: unknown[], options?: Record<string, unknown>) =>
            Reflect.apply(value, object, [query, params, { ...options, prepare: true }]);
        }
        if (property === 'begin' && object === pool) {
          // The pool's transactions: BEGIN goes out with the first statement (see pipelined-begin.ts).
          return (...args: unknown[]) => {
            const fn = args.pop();
            // A plain BEGIN only: one that could fail while the connection lives would leave the
            // first statement to run (and commit) on its own. drizzle passes no options.
            if (typeof fn !== 'function') return Reflect.apply(value, object, [...args, fn]);
            if (args.length > 0) return Reflect.apply(value, object, [...args, (inner: object) => fn(wrap(inner))]);
            return pipelinedBegin(pool, fn as (sql: postgres.Sql) => unknown, wrap);
          };
        }
        if (property === 'begin' || property === 'savepoint') {
          return (...args: unknown[]) => {
            const fn = args.pop();
            if (typeof fn !== 'function') return Reflect.apply(value, object, [...args, fn]);
            return Reflect.apply(value, object, [...args, (inner: object) => fn(wrap(inner))]);
          };
        }
        return value;
      },
    });
  return wrap(pool);
}

function openPostgres(url: string, max: number, prepare: boolean): Database {
  const raw = postgres(url, { max, onnotice: () => {} });
  const client = prepare ? preparing(raw) : raw;
  const db: Db = drizzlePostgres({ client, schema });
  return {
    db,
    driver: 'postgres',
    async withLock(lockId, fn) {
      // A session lock lives on one connection: hold one aside for it while fn uses the pool.
      const reserved = await raw.reserve();
      try {
        await reserved`select pg_advisory_lock(${lockId})`;
        try {
          return await fn();
        } finally {
          await reserved`select pg_advisory_unlock(${lockId})`;
        }
      } finally {
        reserved.release();
      }
    },
    close: () => raw.end({ timeout: 5 }),
  };
}

/** Wraps an open PGlite (e.g. one loaded from a dumped data dir in tests). Closing closes it. */
export async function fromPglite(client: PGlite): Promise<Database> {
  const { drizzle } = await import('drizzle-orm/pglite');
  const db: Db = drizzle({ client, schema });
  return {
    db,
    driver: 'pglite',
    withLock: (_lockId, fn) => fn(),
    close: () => client.close(),
  };
}

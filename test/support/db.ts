/**
 * A fresh, migrated database for each test file, on PGlite (default) or on PostgreSQL when
 * TEST_DATABASE_URL is set. Migrating is done once per run into a template (see global-setup.ts)
 * and each file starts from a copy: a PGlite data-dir tarball, or `CREATE DATABASE ... TEMPLATE`.
 * Without the global setup the first file builds the template itself, so tests run either way.
 */
import { createHash, randomBytes } from 'node:crypto';
import { access, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import { afterAll, beforeAll, inject } from 'vitest';
import { fromPglite, migrateDatabase, openDatabase, type Database } from '../../src/db/index.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Names this run's PostgreSQL test databases, so the teardown drops exactly those. */
    avrrTestRun?: string;
  }
}

const root = fileURLToPath(new URL('../..', import.meta.url));
const migrationsFolder = join(root, 'drizzle');
export const artifactsDir = join(root, 'test', '.artifacts');
const TEMPLATE_LOCK = 7_204_113_002;
const TEST_DB_PREFIX = 'avrr_t_';
const TEMPLATE_PREFIX = 'avrr_tpl_';

/** A database of its own for the calling test file; `close()` also deletes it. */
export async function testDatabase(): Promise<Database> {
  const url = process.env.TEST_DATABASE_URL;
  return url ? postgresTestDatabase(url) : pgliteTestDatabase();
}

/** Registers hooks that open a test database before the file's tests and remove it after. */
export function useTestDatabase(): () => Database {
  let database: Database | undefined;
  beforeAll(async () => {
    database = await testDatabase();
  }, 120_000);
  afterAll(async () => {
    await database?.close();
  }, 60_000);
  return () => {
    if (!database) throw new Error('useTestDatabase: the database is opened in beforeAll');
    return database;
  };
}

/** A short hash of the migrations: a template is rebuilt whenever they change. */
export async function migrationsHash(): Promise<string> {
  const hash = createHash('sha256');
  const walk = async (dir: string): Promise<void> => {
    const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await walk(path);
      else hash.update(entry.name).update(await readFile(path));
    }
  };
  await walk(migrationsFolder);
  return hash.digest('hex').slice(0, 12);
}

// ---- PGlite -------------------------------------------------------------------------------

export async function pgliteTemplatePath(): Promise<string> {
  return join(artifactsDir, `pglite-${await migrationsHash()}.tar`);
}

/** Builds the migrated PGlite data-dir tarball unless it exists; returns its path. */
export async function ensurePgliteTemplate(): Promise<string> {
  const path = await pgliteTemplatePath();
  if (await exists(path)) return path;
  await mkdir(dirname(path), { recursive: true });
  const { PGlite } = await import('@electric-sql/pglite');
  const client = await PGlite.create();
  const database = await fromPglite(client);
  try {
    await migrateDatabase(database, { migrationsFolder });
    const tarball = await client.dumpDataDir('none');
    // Write aside, then rename: workers building it at the same time never read half a file.
    const partial = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.part`;
    await writeFile(partial, new Uint8Array(await tarball.arrayBuffer()));
    await rename(partial, path);
  } finally {
    await database.close();
  }
  return path;
}

/** Deletes PGlite templates of older migrations. */
export async function removeStalePgliteTemplates(): Promise<void> {
  const current = await pgliteTemplatePath();
  const names = await readdir(artifactsDir).catch(() => [] as string[]);
  for (const name of names) {
    const path = join(artifactsDir, name);
    if (name.startsWith('pglite-') && path !== current) await rm(path, { force: true });
  }
}

async function pgliteTestDatabase(): Promise<Database> {
  const path = await ensurePgliteTemplate();
  const { PGlite } = await import('@electric-sql/pglite');
  const client = await PGlite.create({ loadDataDir: new Blob([await readFile(path)]) });
  return fromPglite(client);
}

// ---- PostgreSQL ---------------------------------------------------------------------------

function withDatabaseName(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

function adminClient(url: string) {
  return postgres(url, { max: 1, onnotice: () => {} });
}

/** Creates the migrated template database unless it exists; returns its name. */
export async function ensurePostgresTemplate(url: string): Promise<string> {
  const name = `${TEMPLATE_PREFIX}${await migrationsHash()}`;
  const admin = adminClient(url);
  try {
    const [found] = await admin`select 1 as ok from pg_database where datname = ${name}`;
    if (found) return name;
    // Several test files (or runs) may get here at once: one builds, the others wait and reuse.
    await admin`select pg_advisory_lock(${TEMPLATE_LOCK})`;
    try {
      const [built] = await admin`select 1 as ok from pg_database where datname = ${name}`;
      if (built) return name;
      // Built under another name and renamed when complete, so a half-migrated template is
      // never copied.
      const wip = `${name}_wip`;
      await admin.unsafe(`drop database if exists "${wip}" with (force)`);
      await admin.unsafe(`create database "${wip}"`);
      const database = await openDatabase({ databaseUrl: withDatabaseName(url, wip), poolMax: 2 });
      try {
        await migrateDatabase(database, { migrationsFolder });
      } finally {
        await database.close();
      }
      await admin.unsafe(`alter database "${wip}" rename to "${name}"`);
      return name;
    } finally {
      await admin`select pg_advisory_unlock(${TEMPLATE_LOCK})`;
    }
  } finally {
    await admin.end({ timeout: 5 });
  }
}

/** Drops the test databases of one run (left behind by a crash) and templates of old migrations. */
export async function dropPostgresLeftovers(url: string, run: string): Promise<void> {
  const current = `${TEMPLATE_PREFIX}${await migrationsHash()}`;
  const admin = adminClient(url);
  try {
    const rows = await admin<{ datname: string }[]>`
      select datname from pg_database
      where datname like ${`${TEST_DB_PREFIX}${run}\\_%`}
         or (datname like ${`${TEMPLATE_PREFIX}%`} and datname <> ${current} and datname not like '%\\_wip')`;
    for (const { datname } of rows) {
      // A template still in use by a concurrent run with other migrations is left alone.
      const force = datname.startsWith(TEST_DB_PREFIX) ? ' with (force)' : '';
      await admin.unsafe(`drop database if exists "${datname}"${force}`).catch(() => undefined);
    }
  } finally {
    await admin.end({ timeout: 5 });
  }
}

async function postgresTestDatabase(url: string): Promise<Database> {
  const template = await ensurePostgresTemplate(url);
  const run = safeInject() ?? 'solo';
  const name = `${TEST_DB_PREFIX}${run}_${randomBytes(5).toString('hex')}`;
  const admin = adminClient(url);
  try {
    for (let attempt = 1; ; attempt++) {
      try {
        await admin.unsafe(`create database "${name}" template "${template}"`);
        break;
      } catch (error) {
        // 55006: the template is briefly in use (another run checking it); try again.
        if (attempt >= 10 || !isPgError(error, '55006')) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
      }
    }
  } finally {
    await admin.end({ timeout: 5 });
  }
  // As the Node service opens it: every statement a named prepared one.
  const database = await openDatabase({ databaseUrl: withDatabaseName(url, name), prepare: true });
  return {
    ...database,
    async close() {
      await database.close();
      const dropper = adminClient(url);
      try {
        await dropper.unsafe(`drop database if exists "${name}" with (force)`);
      } finally {
        await dropper.end({ timeout: 5 });
      }
    },
  };
}

function safeInject(): string | undefined {
  try {
    return inject('avrrTestRun');
  } catch {
    return undefined;
  }
}

function isPgError(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === code;
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

/**
 * Is the database's schema as new as this deployment? Workers cannot read migration files at run
 * time, so migrations are applied from the CLI before deploying (`npm run migrate`); the bundle
 * carries drizzle's journal (`drizzle/meta/_journal.json`) and compares its newest entry with what
 * drizzle's migrator recorded in `drizzle.__drizzle_migrations` (`created_at` = the entry's `when`).
 */
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db/index.js';

const journalSchema = z.object({
  entries: z.array(z.object({ tag: z.string().min(1), when: z.number().int().positive() })).min(1),
});

export interface Migration {
  tag: string;
  when: number;
}

/** The migrations of a drizzle journal, oldest first; throws on anything that is not one. */
export function readJournal(journal: unknown): Migration[] {
  const parsed = journalSchema.safeParse(journal);
  if (!parsed.success) throw new Error(`drizzle/meta/_journal.json is not a drizzle journal: ${parsed.error.message}`);
  return parsed.data.entries.map(({ tag, when }) => ({ tag, when })).sort((a, b) => a.when - b.when);
}

export type SchemaStatus =
  | { ok: true }
  /** `applied`: the newest migration the database has (its tag when the journal knows it), null when none. */
  | { ok: false; expected: string; applied: string | null };

// postgres.js answers execute() with the rows, PGlite with { rows }.
const rowsOf = <T extends z.ZodType>(row: T) => z.union([z.array(row), z.object({ rows: z.array(row) }).transform((r) => r.rows)]);
const presentRows = rowsOf(z.object({ present: z.boolean() }));
const lastRows = rowsOf(z.object({ last: z.union([z.string(), z.number(), z.bigint(), z.null()]) }));

/**
 * Compares the database with the journal's newest migration. A database with newer migrations than
 * the bundle is fine: migrations come first, then the deploy, and the old version keeps running
 * in between.
 */
export async function checkSchema(db: Db, migrations: readonly Migration[]): Promise<SchemaStatus> {
  const expected = migrations.at(-1);
  if (!expected) throw new Error('checkSchema: the journal has no migrations');
  const [table] = presentRows.parse(await db.execute(sql`select to_regclass('drizzle.__drizzle_migrations') is not null as present`));
  if (!table?.present) return { ok: false, expected: expected.tag, applied: null };
  const [row] = lastRows.parse(await db.execute(sql`select max(created_at) as last from drizzle.__drizzle_migrations`));
  const last = row?.last === null || row?.last === undefined ? null : Number(row.last);
  if (last !== null && last >= expected.when) return { ok: true };
  const applied = last === null ? null : (migrations.find((m) => m.when === last)?.tag ?? `unknown (created_at ${last})`);
  return { ok: false, expected: expected.tag, applied };
}

/** The 503 body when the schema is behind: what is wrong and what the operator should do. */
export function schemaBehindBody(status: Extract<SchemaStatus, { ok: false }>) {
  return {
    error: {
      code: 'schema_behind',
      message: `the database schema is older than this deployment (it needs migration ${status.expected}): run \`npm run migrate\` with DATABASE_URL set to this database, then try again`,
      expected: status.expected,
      applied: status.applied,
    },
  };
}

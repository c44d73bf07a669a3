/** The worker's start-up check: the database's newest migration against the bundled journal. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/index.js';
import { checkSchema, readJournal, schemaBehindBody } from '../../src/workers/schema-version.js';
import { root } from '../support/app.js';
import { useTestDatabase } from '../support/db.js';

const database = useTestDatabase();
const journal: unknown = JSON.parse(readFileSync(join(root, 'drizzle', 'meta', '_journal.json'), 'utf8'));
const migrations = readJournal(journal);
const newest = migrations.at(-1)!;

describe('checkSchema', () => {
  it('finds a migrated database current', async () => {
    expect(await checkSchema(database().db, migrations)).toEqual({ ok: true });
  });

  it('finds it behind a bundle with a newer migration, and names both ends', async () => {
    const ahead = [...migrations, { tag: '9999_next', when: newest.when + 1 }];
    expect(await checkSchema(database().db, ahead)).toEqual({ ok: false, expected: '9999_next', applied: newest.tag });
  });

  it('accepts a database newer than the bundle (migrated before the deploy)', async () => {
    expect(await checkSchema(database().db, migrations.slice(0, 1))).toEqual({ ok: true });
  });

  it('finds a database that was never migrated behind', async () => {
    const empty = await openDatabase({ memory: true });
    try {
      expect(await checkSchema(empty.db, migrations)).toEqual({ ok: false, expected: newest.tag, applied: null });
    } finally {
      await empty.close();
    }
  });

  it('says in the 503 body what to run', () => {
    const body = schemaBehindBody({ ok: false, expected: newest.tag, applied: null });
    expect(body.error.code).toBe('schema_behind');
    expect(body.error.message).toContain('npm run migrate');
    expect(body.error.message).toContain(newest.tag);
  });
});

describe('readJournal', () => {
  it('reads drizzle-kit’s journal, oldest first', () => {
    const tags = migrations.map((m) => m.tag);
    expect(tags.slice(0, 3)).toEqual(['0000_init', '0001_dashboard', '0002_service_topics']);
    // Every migration file is in it, in order.
    expect(tags).toEqual([...tags].sort());
    expect(tags.every((tag, i) => tag.startsWith(String(i).padStart(4, '0')))).toBe(true);
  });

  it('refuses what is not a journal', () => {
    expect(() => readJournal({ entries: [] })).toThrow(/not a drizzle journal/);
    expect(() => readJournal({ version: '7' })).toThrow(/not a drizzle journal/);
  });
});

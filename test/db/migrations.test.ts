/**
 * Migrations that move data, checked on a database migrated step by step: what existed before a
 * migration is still there, in its new place, after it.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { fromPglite, migrateDatabase } from '../../src/db/index.js';
import { root } from '../support/app.js';

const folders: string[] = [];
afterAll(async () => {
  for (const dir of folders) await rm(dir, { recursive: true, force: true });
});

/** A copy of drizzle/ whose journal stops after migration `last`. */
async function migrationsUpTo(last: number): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'avrr-migrations-'));
  folders.push(dir);
  await cp(join(root, 'drizzle'), dir, { recursive: true });
  const journalPath = join(dir, 'meta', '_journal.json');
  const journal = JSON.parse(await readFile(journalPath, 'utf8')) as { entries: Array<{ idx: number }> };
  journal.entries = journal.entries.filter((e) => e.idx <= last);
  await writeFile(journalPath, JSON.stringify(journal));
  return dir;
}

describe('migration 0003: Slack cards get their own table', () => {
  it('moves every posted card out of the cases table and keeps the cases', async () => {
    const { PGlite } = await import('@electric-sql/pglite');
    const client = await PGlite.create();
    const database = await fromPglite(client);
    const rows = async (query: string) => (await client.query(query)).rows;
    try {
      await migrateDatabase(database, { migrationsFolder: await migrationsUpTo(2) });
      const { db } = database;
      await db.execute(sql`insert into contacts (id, channel, channel_user_id) values ('00000000-0000-4000-8000-000000000001', 'telegram', '42')`);
      await db.execute(sql`
        insert into cases (id, reference, contact_id, kind, queue, language, slack_channel, slack_ts, updated_at)
        values ('00000000-0000-4000-8000-0000000000c1', 'AVR-2026-000001', '00000000-0000-4000-8000-000000000001', 'question', 'general', 'en', 'C0HANDOFF', '1700000000.000100', '2026-11-20T10:00:00Z'),
               ('00000000-0000-4000-8000-0000000000c2', 'AVR-2026-000002', '00000000-0000-4000-8000-000000000001', 'question', 'general', 'en', null, null, '2026-11-21T10:00:00Z')`);

      await migrateDatabase(database, { migrationsFolder: join(root, 'drizzle') });

      expect(await rows(`select case_id, channel, ts, to_char(posted_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS') as posted_at from slack_cards`)).toEqual([
        { case_id: '00000000-0000-4000-8000-0000000000c1', channel: 'C0HANDOFF', ts: '1700000000.000100', posted_at: '2026-11-20T10:00:00' },
      ]);
      expect(await rows('select reference, version from cases order by reference')).toEqual([
        { reference: 'AVR-2026-000001', version: 0 },
        { reference: 'AVR-2026-000002', version: 0 },
      ]);
      expect(await rows("select column_name from information_schema.columns where table_name = 'cases' and column_name like 'slack%'")).toEqual([]);
    } finally {
      await database.close();
    }
  });
});

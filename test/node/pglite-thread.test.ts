/**
 * The embedded database in a thread of its own, as `npm start` runs it: migrations, the stores'
 * transactions, PostgreSQL's errors with their codes, rollback, one transaction at a time, data
 * kept across a restart, and a thread that dies failing calls instead of hanging them.
 */
import { sql } from 'drizzle-orm';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createCipher, createStores, fromPglite, generateKey, migrateDatabase, type Database } from '../../src/db/index.js';
import { rowsOf } from '../../src/db/raw-rows.js';
import { PgliteThread } from '../../src/node/pglite-thread/client.js';

let dir = '';
let thread: PgliteThread;
let database: Database;
const key = generateKey('test');
const NOW = new Date('2026-06-01T10:00:00Z');
const n = z.object({ n: z.coerce.number() });

async function open(): Promise<void> {
  thread = await PgliteThread.start(join(dir, 'pglite'));
  database = await fromPglite(thread.asPglite());
  await migrateDatabase(database);
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'avrr-thread-'));
  await open();
}, 60_000);

afterAll(async () => {
  await database.close();
  await rm(dir, { recursive: true, force: true });
});

const count = async (action: string) => rowsOf(await database.db.execute(sql`select count(*) as n from audit_log where action = ${action}`), n)[0]?.n;
const audit = (db: Pick<Database['db'], 'execute'>, action: string) =>
  db.execute(sql`insert into audit_log (at, actor, action, target, data) values (${NOW.toISOString()}::timestamptz, 'test', ${action}, 't', '{}'::jsonb)`);

describe('the embedded database in its own thread', () => {
  it('runs a person’s turn through the stores: the session, the contact and the dedupe', async () => {
    const stores = createStores(database, await createCipher(key), { clock: () => NOW });
    const person = { channel: 'telegram', channelUserId: 't1' };
    const session = { v: 1 as const, at: null, pending: null, vars: { age: 30 }, history: [], language: 'fa', started: true };
    await stores.conversations.withContact(person, async (tx) => {
      await tx.setLanguage('fa');
      await tx.saveSession(session);
    });
    const again = await stores.conversations.withContact(person, async (tx) => ({ claimed: await tx.claimInbound('u1'), contact: tx.contact, session: tx.session }), { claim: 'u1' });
    expect(again.claimed).toBe(true);
    expect(again.contact).toMatchObject({ language: 'fa', createdAt: NOW });
    expect(again.session).toEqual({ state: session, version: 1 });
    expect(await stores.conversations.withContact(person, (tx) => tx.claimInbound('u1'))).toBe(false);
  });

  it('keeps PostgreSQL’s error code, and nothing of a transaction that failed', async () => {
    const error = await database.db
      .transaction(async (tx) => {
        await audit(tx, 'thread-rollback');
        await tx.execute(sql`insert into contacts (id, channel, channel_user_id, created_at, updated_at) values (gen_random_uuid(), 'x', 'dup', now(), now())`);
        await tx.execute(sql`insert into contacts (id, channel, channel_user_id, created_at, updated_at) values (gen_random_uuid(), 'x', 'dup', now(), now())`);
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(String((error as { cause?: { code?: string } }).cause?.code ?? (error as { code?: string }).code)).toBe('23505');
    expect(await count('thread-rollback')).toBe(0);
  });

  it('runs transactions one at a time, each whole, however many are asked at once', async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        database.db.transaction(async (tx) => {
          await audit(tx, 'thread-many');
          if (i % 5 === 0) await tx.execute(sql`select pg_sleep(0.005)`);
          await audit(tx, 'thread-many');
        }),
      ),
    );
    expect(await count('thread-many')).toBe(40);
  });

  it('keeps what it wrote when opened again', async () => {
    await audit(database.db, 'thread-kept');
    await database.close();
    await open();
    expect(await count('thread-kept')).toBe(1);
  }, 60_000);

  it('fails every call once its thread is gone, instead of waiting for ever', async () => {
    const other = await PgliteThread.start(null);
    await other.close();
    await expect(other.query('select 1')).rejects.toThrow(/thread stopped/);
  }, 60_000);
});

/**
 * Transactions on PostgreSQL as the service opens it (named prepared statements, BEGIN sent with the
 * first statement): all or nothing, invisible until the commit, savepoints for nested ones. PGlite
 * runs its own transactions; there these only repeat what its suite shows.
 */
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { rowsOf } from '../../src/db/raw-rows.js';
import { z } from 'zod';
import { useTestDatabase } from '../support/db.js';

const database = useTestDatabase();
const countRow = z.object({ n: z.coerce.number() });

async function count(tag: string): Promise<number> {
  const result = await database().db.execute(sql`select count(*) as n from audit_log where action = ${tag}`);
  return rowsOf(result, countRow)[0]?.n ?? -1;
}

const write = (tx: { execute: (q: ReturnType<typeof sql>) => Promise<unknown> }, tag: string) =>
  tx.execute(sql`insert into audit_log (at, actor, action, target, data) values (now(), 'test', ${tag}, 't', '{}'::jsonb)`);

describe('transactions', () => {
  it('keeps writes invisible until the commit, then all of them', async () => {
    const { db } = database();
    let release: () => void = () => {};
    const done = db.transaction(async (tx) => {
      await write(tx, 'tx-visible');
      await write(tx, 'tx-visible');
      await new Promise<void>((resolve) => (release = resolve));
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    if (database().driver === 'postgres') expect(await count('tx-visible')).toBe(0);
    release();
    await done;
    expect(await count('tx-visible')).toBe(2);
  });

  it('keeps nothing when the work throws, the first statement included', async () => {
    await expect(
      database().db.transaction(async (tx) => {
        await write(tx, 'tx-rollback');
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await count('tx-rollback')).toBe(0);
  });

  it('rolls a failed nested transaction back to its savepoint only', async () => {
    await database().db.transaction(async (tx) => {
      await write(tx, 'tx-outer');
      await expect(
        tx.transaction(async (inner) => {
          await write(inner, 'tx-inner');
          throw new Error('inner');
        }),
      ).rejects.toThrow('inner');
      await write(tx, 'tx-outer');
    });
    expect(await count('tx-outer')).toBe(2);
    expect(await count('tx-inner')).toBe(0);
  });

  it('runs many at once on a small pool, each whole', async () => {
    await Promise.all(Array.from({ length: 30 }, () => database().db.transaction(async (tx) => write(tx, 'tx-many'))));
    expect(await count('tx-many')).toBe(30);
  });
});

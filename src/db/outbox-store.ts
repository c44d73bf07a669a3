/**
 * OutboxStore on drizzle. An item is handed out under a lease (`locked_until`): until it expires
 * no other worker gets it, and `FOR UPDATE SKIP LOCKED` keeps two workers polling at the same
 * moment from picking the same row. Items sharing an order key go out one at a time, in order:
 * only the oldest pending item of a key is ever due. Most items never wait to be found: they are
 * leased as they are written and delivered right after their commit (see outbox-claims.ts).
 */
import { and, asc, eq, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { OutboxItem, OutboxStore, PendingDelivery } from '../conversation/ports.js';
import type { Db } from './client.js';
import type { Cipher } from './crypto.js';
import { groupWrites } from './group-writes.js';
import { writeOutbox, type OutboxClaims } from './outbox-claims.js';
import { openJson } from './rows.js';
import { sealContext } from './sealed.js';
import { outbox } from './schema.js';

export interface OutboxOptions {
  /** How long a worker may take to deliver an item before it is handed out again (default 60 s). */
  leaseMs?: number;
}

export const DEFAULT_LEASE_MS = 60_000;

const pending = and(isNull(outbox.deliveredAt), isNull(outbox.deadAt));
/** The order key of an item that is done: it no longer orders anything, and names no one. */
const DONE = 'done';

export function createOutboxStore(db: Db, cipher: Cipher, claims: OutboxClaims): OutboxStore {
  const { leaseMs } = claims;
  // Many deliveries finish at once under load: their marks go out together as one statement,
  // stamped with the latest of their times (they lie milliseconds apart).
  const markDelivered = groupWrites<{ id: number; at: Date }>(async (marks) => {
    const at = new Date(Math.max(...marks.map((m) => m.at.getTime())));
    // Neither the text nor whom it went to is kept once it went out (an order key names a chat).
    // A template, not drizzle's builder: this runs for every delivery.
    const ids = sql.join(marks.map((m) => sql`${m.id}::bigint`), sql`, `);
    await db.execute(sql`update ${outbox} set delivered_at = ${at.toISOString()}::timestamptz, locked_until = null, payload_enc = null, order_key = ${DONE} where id in (${ids})`);
  });
  return {
    async enqueue(items: OutboxItem[], at: Date): Promise<void> {
      // Outside a person's transaction nothing serializes this key's writers: two follow-ups of one
      // case thread written at the same moment (a reaction, a note) may go out in either order.
      claims.emit(await writeOutbox(db, cipher, claims, items, at));
    },

    onClaimed(listener) {
      claims.listen(listener);
    },

    async due(now: Date, limit: number, orderKeys?: readonly string[]): Promise<PendingDelivery[]> {
      const heads = db
        .selectDistinctOn([outbox.orderKey], { id: outbox.id })
        .from(outbox)
        .where(orderKeys ? and(pending, inArray(outbox.orderKey, [...orderKeys])) : pending)
        .orderBy(outbox.orderKey, outbox.id);
      // The conditions on the row itself are rechecked after the row lock is taken, so a row
      // another worker leased or delivered meanwhile is not taken again.
      const picked = db
        .select({ id: outbox.id })
        .from(outbox)
        .where(
          and(
            inArray(outbox.id, heads),
            pending,
            lte(outbox.nextAttemptAt, now),
            or(isNull(outbox.lockedUntil), lte(outbox.lockedUntil, now)),
          ),
        )
        .orderBy(asc(outbox.nextAttemptAt), asc(outbox.id))
        .limit(limit)
        .for('update', { skipLocked: true });
      const rows = await db
        .update(outbox)
        .set({ lockedUntil: new Date(now.getTime() + leaseMs) })
        .where(inArray(outbox.id, picked))
        .returning();
      rows.sort((a, b) => a.nextAttemptAt.getTime() - b.nextAttemptAt.getTime() || a.id - b.id);
      return Promise.all(
        rows.map(async (row) => {
          if (row.payloadEnc === null) throw new Error(`outbox ${row.id}: pending item without payload`);
          return {
            id: String(row.id),
            kind: row.kind,
            orderKey: row.orderKey,
            attempts: row.attempts,
            payload: await openJson<Record<string, unknown>>(cipher, row.payloadEnc, sealContext('outbox.payload_enc', row.orderKey)),
          };
        }),
      );
    },

    async delivered(ids: readonly string[], at: Date): Promise<void> {
      if (ids.length === 0) return;
      await markDelivered(ids.map((id) => ({ id: toId(id), at })));
    },

    async release(ids: readonly string[]): Promise<void> {
      if (ids.length === 0) return;
      await db.update(outbox).set({ lockedUntil: null }).where(and(inArray(outbox.id, ids.map(toId)), pending));
    },

    async failed(id: string, error: string, retryAt: Date | null, at: Date): Promise<void> {
      await db
        .update(outbox)
        .set({
          attempts: sql`${outbox.attempts} + 1`,
          lastError: error.slice(0, 2000),
          lockedUntil: null,
          // Given up: nothing of it is kept but the error (the same as delivered).
          ...(retryAt === null ? { deadAt: at, payloadEnc: null, orderKey: DONE } : { nextAttemptAt: retryAt }),
        })
        .where(eq(outbox.id, toId(id)));
    },
  };
}

function toId(id: string): number {
  const n = Number(id);
  if (!Number.isSafeInteger(n) || n <= 0) throw new Error(`outbox: bad item id "${id}"`);
  return n;
}

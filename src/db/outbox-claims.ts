/**
 * Outbox items leased as they are written. An item whose order key has nothing pending before it
 * is the head of its key the moment it commits: the writer leases it in the same INSERT and hands
 * it, still in memory, to this process's deliverer after the commit. No worker has to find it, and
 * nothing is decrypted again. An item written behind a pending one is left unleased: whoever
 * delivers the earlier one (here or in another instance) or the outbox timer takes it in turn.
 *
 * Order: the check and the insert are one statement, run while the writer holds the lock that
 * serializes every write of that key (the person's contact row for their chat; for a case's
 * Slack thread, the case's contact row, except the follow-ups written outside a turn, see
 * OutboxStore.enqueue), so no earlier item can commit unseen.
 */
import { sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { ClaimedBatch, OutboxItem } from '../conversation/ports.js';
import type { Db } from './client.js';
import type { Cipher } from './crypto.js';
import { rowsOf } from './raw-rows.js';
import { sealJson } from './rows.js';
import { sealContext } from './sealed.js';

export interface OutboxClaims {
  /** How long a lease lasts: after it an item is handed out again (a crashed process). */
  readonly leaseMs: number;
  /** Whether anyone in this process delivers claimed items (else items are written unleased). */
  active(): boolean;
  listen(listener: (batch: ClaimedBatch) => void): void;
  /** Hands what committed to the listener. */
  emit(batch: ClaimedBatch): void;
}

export function createOutboxClaims(leaseMs: number): OutboxClaims {
  let listener: ((batch: ClaimedBatch) => void) | null = null;
  return {
    leaseMs,
    active: () => listener !== null,
    listen(l) {
      listener = l;
    },
    emit(batch) {
      if (batch.claimed.length > 0 || batch.behind.length > 0) listener?.(batch);
    },
  };
}

/** Adds one write's outcome to a transaction's batch. */
export function addTo(batch: ClaimedBatch, written: ClaimedBatch): void {
  batch.claimed.push(...written.claimed);
  for (const key of written.behind) if (!batch.behind.includes(key)) batch.behind.push(key);
}

/** `locked_until` for a new item: leased unless an earlier item of its key is still pending. */
function leaseUnlessQueued(orderKey: string, until: string): SQL {
  return sql`(case when exists (select 1 from outbox o where o.order_key = ${orderKey} and o.delivered_at is null and o.dead_at is null)
    then null else ${until}::timestamptz end)`;
}

/**
 * The INSERT of new outbox items (encrypted), returning `id, locked_until`; each is leased when
 * `claims` is active and nothing of its key is pending (see claimsOf). Written as a plain template:
 * drizzle's insert builder costs six times as much to turn into SQL, on every turn.
 */
export async function outboxInsert(cipher: Cipher, claims: OutboxClaims, items: readonly OutboxItem[], now: Date): Promise<SQL> {
  const claim = claims.active();
  const at = now.toISOString();
  const until = new Date(now.getTime() + claims.leaseMs).toISOString();
  const tuples = await Promise.all(
    items.map(
      async (item) =>
        sql`(${item.kind}, ${await sealJson(cipher, item.payload, sealContext('outbox.payload_enc', item.orderKey))}, ${item.orderKey}, ${at}, ${at}, ${claim ? leaseUnlessQueued(item.orderKey, until) : null})`,
    ),
  );
  return sql`insert into outbox (kind, payload_enc, order_key, next_attempt_at, created_at, locked_until) values ${sql.join(tuples, sql`, `)}
    returning id, locked_until`;
}

/** An outbox row as outboxInsert returns it (bigint ids come as strings from postgres.js). */
export const insertedRow = z.object({ id: z.union([z.number(), z.string()]).transform(Number), locked_until: z.unknown() });

/**
 * What an INSERT of `items` leased (they come back as deliveries) and the keys of the items it
 * queued behind others. Items of one key in one INSERT are all leased or none: the check does not
 * see rows of its own statement, and they go out in order after the first.
 */
export function claimsOf(items: readonly OutboxItem[], written: Array<{ id: number; leased: boolean }>): ClaimedBatch {
  const batch: ClaimedBatch = { claimed: [], behind: [] };
  // Ids follow the order of the values; RETURNING's order is not promised.
  const sorted = [...written].sort((a, b) => a.id - b.id);
  sorted.forEach((row, i) => {
    const item = items[i];
    if (!item) return;
    if (row.leased) batch.claimed.push({ ...item, id: String(row.id), attempts: 0 });
    else if (!batch.behind.includes(item.orderKey)) batch.behind.push(item.orderKey);
  });
  return batch;
}

/** Writes items in one INSERT, leasing the heads of their keys when `claims` is active. */
export async function writeOutbox(
  db: Pick<Db, 'execute'>,
  cipher: Cipher,
  claims: OutboxClaims,
  items: readonly OutboxItem[],
  now: Date,
): Promise<ClaimedBatch> {
  if (items.length === 0) return { claimed: [], behind: [] };
  const claim = claims.active();
  const written = rowsOf(await db.execute(await outboxInsert(cipher, claims, items, now)), insertedRow);
  if (!claim) return { claimed: [], behind: [] };
  return claimsOf(items, written.map((w) => ({ id: w.id, leased: w.locked_until !== null && w.locked_until !== undefined })));
}

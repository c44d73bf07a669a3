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
import type { ClaimedBatch, OutboxItem } from '../conversation/ports.js';
import type { Db } from './client.js';
import type { Cipher } from './crypto.js';
import { sealJson } from './rows.js';
import { outbox } from './schema.js';

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
function leaseUnlessQueued(orderKey: string, until: Date): SQL {
  return sql`(case when exists (select 1 from ${outbox} o where o.order_key = ${orderKey} and o.delivered_at is null and o.dead_at is null)
    then null else ${until.toISOString()}::timestamptz end)`;
}

/**
 * Writes items (encrypted) in one INSERT, leasing the heads of their keys when `claims` is active;
 * returns the leased ones as deliveries, and the keys of the others. Items of one key in one call
 * are all leased or none: the check does not see rows of its own statement, and they go out in
 * order after the first.
 */
export async function writeOutbox(
  db: Pick<Db, 'insert'>,
  cipher: Cipher,
  claims: OutboxClaims,
  items: readonly OutboxItem[],
  now: Date,
): Promise<ClaimedBatch> {
  const batch: ClaimedBatch = { claimed: [], behind: [] };
  if (items.length === 0) return batch;
  const claim = claims.active();
  const until = new Date(now.getTime() + claims.leaseMs);
  const rows = await Promise.all(
    items.map(async (item) => ({
      kind: item.kind,
      payloadEnc: await sealJson(cipher, item.payload),
      orderKey: item.orderKey,
      nextAttemptAt: now,
      createdAt: now,
      ...(claim ? { lockedUntil: leaseUnlessQueued(item.orderKey, until) } : {}),
    })),
  );
  const written = await db.insert(outbox).values(rows).returning({ id: outbox.id, lockedUntil: outbox.lockedUntil });
  if (!claim) return batch;
  // Ids follow the order of the values; RETURNING's order is not promised.
  written.sort((a, b) => a.id - b.id);
  written.forEach((row, i) => {
    const item = items[i];
    if (!item) return;
    if (row.lockedUntil !== null) batch.claimed.push({ ...item, id: String(row.id), attempts: 0 });
    else if (!batch.behind.includes(item.orderKey)) batch.behind.push(item.orderKey);
  });
  return batch;
}

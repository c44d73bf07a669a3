/**
 * Delivers outbox items (messages to people, posts in the counsellors' tool) after the transaction
 * that wrote them has committed: in order per order key, at least once, with backoff. Most items
 * come straight from their commit, leased and in memory (OutboxStore.onClaimed), so a webhook only
 * waits for its own replies; the rest (behind a failed item, after a crash, from another process)
 * are found by polling, on a timer. An item that carries a receipt (a counsellor's message)
 * publishes whether it arrived.
 */
import { z } from 'zod';
import type { DomainEvent, EventHub } from './events.js';
import type { ContactKey, OutboxStore, PendingDelivery } from './ports.js';

export type DeliveryResult =
  | { ok: true }
  | {
      ok: false;
      error: string;
      /** Retry no sooner than this (a rate limit's retry-after). */
      retryAfterMs?: number;
      permanent?: boolean;
      /** The person blocked the bot or deleted their account: nothing more is sent to them. */
      unreachable?: ContactKey;
    };

/** A payload's receipt (see events.ts): whom to tell that a message arrived or did not. */
const receiptOf = z.object({ receipt: z.object({ caseId: z.string().min(1), ref: z.string().min(1) }) });

export type Deliverer = (item: PendingDelivery) => Promise<DeliveryResult>;

export interface OutboxWorkerOptions {
  store: OutboxStore;
  deliverers: Readonly<Record<string, Deliverer>>;
  /** Where delivery receipts go (the tool that sent the message follows them). */
  hub: EventHub;
  /** Marks a person unreachable after their channel said so. */
  onUnreachable(contact: ContactKey): Promise<void>;
  clock: () => Date;
  /** Give up after this many attempts (default 12: about a day with the backoff below). */
  maxAttempts?: number;
  log?: (level: 'warn' | 'error', message: string, data?: Record<string, unknown>) => void;
}

export interface OutboxWorker {
  /**
   * Waits, for at most `budgetMs`, for the deliveries under way now (what transactions that have
   * committed leased to this process). Nothing is polled: a webhook waits for its own replies.
   */
  settle(budgetMs?: number): Promise<void>;
  /**
   * Delivers what is due: waits for the deliveries under way, then polls for due items (written
   * behind a failed one, by another process, or left by a crash), until nothing is due or
   * `budgetMs` has passed. Returns how many items went out meanwhile.
   */
  run(budgetMs?: number): Promise<number>;
}

/** Exponential backoff: 2 s, 4 s, ... capped at 2 hours. */
export function backoffMs(attempts: number): number {
  return Math.min(2_000 * 2 ** Math.max(0, attempts - 1), 2 * 60 * 60 * 1000);
}

/** Waits for `work`, or for `ms`, whichever ends first (the timer does not outlive it). */
async function within(work: Promise<unknown>, ms: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    await Promise.race([work, new Promise<void>((resolve) => (timer = setTimeout(resolve, Math.max(0, ms))))]);
  } finally {
    clearTimeout(timer);
  }
}

export function createOutboxWorker(options: OutboxWorkerOptions): OutboxWorker {
  const { clock, store } = options;
  const maxAttempts = options.maxAttempts ?? 12;
  /** Per order key, the chain of deliveries under way in this process: a key's items go one at a time. */
  const chains = new Map<string, Promise<void>>();
  /** Leased items of committed transactions, not started yet (a webhook answers its press first). */
  let ready: PendingDelivery[] = [];
  /** Keys with items written behind a pending one: whoever finishes that one here polls for them. */
  const behind = new Set<string>();
  let sent = 0;
  let running: Promise<number> | null = null;
  let again = false;

  /** Receipts are follow-ups: a failure to queue them never fails the delivery they follow. */
  async function publish(events: DomainEvent[], at: Date): Promise<void> {
    try {
      const items = options.hub.itemsFor(events);
      if (items.length > 0) await store.enqueue(items, at);
    } catch (error) {
      options.log?.('error', 'outbox: could not queue a receipt', { error: error instanceof Error ? error.message : String(error) });
    }
  }

  async function attempt(item: PendingDelivery): Promise<DeliveryResult> {
    const deliver = options.deliverers[item.kind];
    if (!deliver) return { ok: false, error: `no deliverer for ${item.kind}`, permanent: true };
    try {
      return await deliver(item);
    } catch (error) {
      return { ok: false, error: error instanceof Error ? error.message : String(error) };
    }
  }

  async function markDelivered(items: PendingDelivery[]): Promise<void> {
    if (items.length === 0) return;
    const now = clock();
    // One statement for the run of items that went out, however many.
    await store.delivered(items.map((i) => i.id), now);
    sent += items.length;
    const receipts = items.flatMap((item) => {
      const receipt = receiptOf.safeParse(item.payload);
      return receipt.success ? [{ type: 'message.delivered' as const, receipt: receipt.data.receipt }] : [];
    });
    if (receipts.length > 0) await publish(receipts, now);
  }

  /** Records a failure; true when the item is dead (given up), so the items behind it may go. */
  async function markFailed(item: PendingDelivery, result: DeliveryResult & { ok: false }): Promise<boolean> {
    const now = clock();
    if (result.unreachable) await options.onUnreachable(result.unreachable);
    const attempts = item.attempts + 1;
    const giveUp = result.permanent === true || attempts >= maxAttempts;
    const wait = Math.max(result.retryAfterMs ?? 0, backoffMs(attempts));
    await store.failed(item.id, result.error, giveUp ? null : new Date(now.getTime() + wait), now);
    const receipt = receiptOf.safeParse(item.payload);
    if (giveUp && receipt.success) {
      await publish([{ type: 'message.undeliverable', receipt: receipt.data.receipt, reason: result.error.slice(0, 200) }], now);
    }
    options.log?.(giveUp ? 'error' : 'warn', giveUp ? 'outbox item dead' : 'outbox delivery failed', {
      kind: item.kind,
      attempts,
      error: result.error,
    });
    return giveUp;
  }

  /**
   * Delivers leased items of one key in order. After a failure that will be retried, the rest are
   * given back: they wait behind it. A dead item no longer holds its key, so the next one goes.
   * Returns false when the key is held by a failed item.
   */
  async function deliverInOrder(items: PendingDelivery[]): Promise<boolean> {
    let done: PendingDelivery[] = [];
    for (const [i, item] of items.entries()) {
      const result = await attempt(item);
      if (result.ok) {
        done.push(item);
        continue;
      }
      await markDelivered(done);
      done = [];
      if (!(await markFailed(item, result))) {
        await store.release(items.slice(i + 1).map((rest) => rest.id));
        return false;
      }
    }
    await markDelivered(done);
    return true;
  }

  /** Delivers the items of a key that were written behind others, one head at a time, while they are due. */
  async function deliverBehind(key: string): Promise<void> {
    while (behind.delete(key)) {
      for (;;) {
        const [head] = await store.due(clock(), 1, [key]);
        if (!head || !(await deliverInOrder([head]))) break;
      }
    }
  }

  /** Queues work for a key after what is already under way for it. */
  function chain(key: string, work: () => Promise<unknown>): void {
    const next = (chains.get(key) ?? Promise.resolve())
      .then(work)
      .then(() => deliverBehind(key))
      .catch((error: unknown) => {
        // The database failed mid-way: the leases run out and the timer takes the items again.
        options.log?.('error', 'outbox: delivery failed', { error: error instanceof Error ? error.message : String(error) });
      });
    chains.set(key, next);
    void next.then(() => {
      if (chains.get(key) === next) chains.delete(key);
    });
  }

  /** Starts what is ready, and looks for items queued behind keys nothing here is delivering. */
  function start(): void {
    const byKey = new Map<string, PendingDelivery[]>();
    for (const item of ready) byKey.set(item.orderKey, [...(byKey.get(item.orderKey) ?? []), item]);
    ready = [];
    for (const [key, list] of byKey) chain(key, () => deliverInOrder(list));
    for (const key of behind) if (!chains.has(key)) chain(key, async () => undefined);
  }

  store.onClaimed((batch) => {
    ready.push(...batch.claimed);
    for (const key of batch.behind) behind.add(key);
  });

  async function settle(budgetMs = 5_000): Promise<void> {
    start();
    const underWay = [...chains.values()];
    if (underWay.length === 0) return;
    await within(Promise.all(underWay), budgetMs);
  }

  async function once(budgetMs: number): Promise<void> {
    const started = performance.now();
    const left = () => budgetMs - (performance.now() - started);
    for (;;) {
      await settle(left());
      if (left() <= 0) return;
      const due = await store.due(clock(), 20);
      if (due.length === 0) break;
      for (const item of due) chain(item.orderKey, () => deliverInOrder([item]));
    }
    // What the last deliveries queued (receipts) is under way too.
    await settle(left());
  }

  return {
    settle,
    run(budgetMs = 5_000) {
      // One run at a time per process, so a webhook's flush and the timer never poll at once. A
      // call during a run may come from a transaction that committed after the run looked: it gets
      // one more run after the current one, and resolves when that is done.
      if (running) {
        again = true;
        return running;
      }
      const before = sent;
      const loop = async (): Promise<number> => {
        do {
          again = false;
          await once(budgetMs);
        } while (again);
        return sent - before;
      };
      running = loop().finally(() => {
        running = null;
      });
      return running;
    },
  };
}

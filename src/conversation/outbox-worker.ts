/**
 * Delivers outbox items (messages to people, posts in the counsellors' tool) after the transaction
 * that wrote them has committed: in order per order key, at least once, with backoff, and bounded
 * in time per run so a webhook request never waits long. What fails waits for the next run. An
 * item that carries a receipt (a counsellor's message) publishes whether it arrived.
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
  /** Delivers what is due, until nothing is or `budgetMs` has passed. Returns how many went out. */
  run(budgetMs?: number): Promise<number>;
}

/** Exponential backoff: 2 s, 4 s, ... capped at 2 hours. */
export function backoffMs(attempts: number): number {
  return Math.min(2_000 * 2 ** Math.max(0, attempts - 1), 2 * 60 * 60 * 1000);
}

export function createOutboxWorker(options: OutboxWorkerOptions): OutboxWorker {
  const { clock } = options;
  const maxAttempts = options.maxAttempts ?? 12;
  let running: Promise<number> | null = null;

  async function once(budgetMs: number): Promise<number> {
    const started = performance.now();
    let sent = 0;
    while (performance.now() - started < budgetMs) {
      const due = await options.store.due(clock(), 20);
      if (due.length === 0) break;
      // Different order keys are independent; one key's items go one at a time (due gives the oldest).
      const results = await Promise.all(due.map(async (item) => deliverOne(item)));
      sent += results.filter(Boolean).length;
      if (!results.some(Boolean)) break;
    }
    return sent;
  }

  /** Receipts are follow-ups: a failure to queue them never fails the delivery they follow. */
  async function publish(events: DomainEvent[], at: Date): Promise<void> {
    try {
      const items = options.hub.itemsFor(events);
      if (items.length > 0) await options.store.enqueue(items, at);
    } catch (error) {
      options.log?.('error', 'outbox: could not queue a receipt', { error: error instanceof Error ? error.message : String(error) });
    }
  }

  async function deliverOne(item: PendingDelivery): Promise<boolean> {
    const deliver = options.deliverers[item.kind];
    let result: DeliveryResult;
    if (!deliver) result = { ok: false, error: `no deliverer for ${item.kind}`, permanent: true };
    else {
      try {
        result = await deliver(item);
      } catch (error) {
        result = { ok: false, error: error instanceof Error ? error.message : String(error) };
      }
    }
    const now = clock();
    const receipt = receiptOf.safeParse(item.payload);
    if (result.ok) {
      await options.store.delivered(item.id, now);
      if (receipt.success) await publish([{ type: 'message.delivered', receipt: receipt.data.receipt }], now);
      return true;
    }
    if (result.unreachable) await options.onUnreachable(result.unreachable);
    const attempts = item.attempts + 1;
    const giveUp = result.permanent === true || attempts >= maxAttempts;
    const wait = Math.max(result.retryAfterMs ?? 0, backoffMs(attempts));
    await options.store.failed(item.id, result.error, giveUp ? null : new Date(now.getTime() + wait), now);
    if (giveUp && receipt.success) {
      await publish([{ type: 'message.undeliverable', receipt: receipt.data.receipt, reason: result.error.slice(0, 200) }], now);
    }
    options.log?.(giveUp ? 'error' : 'warn', giveUp ? 'outbox item dead' : 'outbox delivery failed', {
      kind: item.kind,
      attempts,
      error: result.error,
    });
    return false;
  }

  let again = false;

  return {
    run(budgetMs = 5_000) {
      // One run at a time per process, so a webhook's flush and the timer never deliver twice. A
      // call during a run may come from a transaction that committed after the run looked: it gets
      // one more run after the current one, and resolves when that is done.
      if (running) {
        again = true;
        return running;
      }
      const loop = async (): Promise<number> => {
        let sent = 0;
        do {
          again = false;
          sent += await once(budgetMs);
        } while (again);
        return sent;
      };
      running = loop().finally(() => {
        running = null;
      });
      return running;
    },
  };
}

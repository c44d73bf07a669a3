/**
 * The retention the privacy notice promises (application-data.md, "Retention"), with its numbers
 * from configuration: conversations nobody continues go after `abandonedDays`; closed cases are
 * pseudonymised after `closedDays` (their copies in the counsellors' tool go too); inbound ids,
 * finished deliveries and old counters after a week; and whatever else keeps time (sign-in links,
 * a channel's own tables) is swept by the `also` tasks. Run hourly (Node) or daily (Workers cron).
 */
import type { EventHub } from './events.js';
import type { OutboxStore, RetentionStore, SweepResult } from './ports.js';

const DAY = 24 * 60 * 60 * 1000;
const DEDUPE_DAYS = 7;

export interface Retention {
  run(): Promise<SweepResult>;
}

export function createRetention(deps: {
  store: RetentionStore;
  abandonedDays: number;
  closedDays: number;
  hub: EventHub;
  outbox: Pick<OutboxStore, 'enqueue'>;
  /** Other sweeps that keep time (expired sign-in links, a channel's own tables). */
  also?: ReadonlyArray<(at: Date) => Promise<void>>;
  clock: () => Date;
  log?: (level: 'info' | 'error', message: string, data?: Record<string, unknown>) => void;
}): Retention {
  const { clock } = deps;
  const ago = (at: Date, days: number) => new Date(at.getTime() - days * DAY);
  return {
    async run() {
      const at = clock();
      const result = await deps.store.sweep({
        abandonedBefore: ago(at, deps.abandonedDays),
        closedBefore: ago(at, deps.closedDays),
        dedupeBefore: ago(at, DEDUPE_DAYS),
        finishedBefore: ago(at, DEDUPE_DAYS),
        at,
      });
      const items = deps.hub.itemsFor(result.pseudonymised.map((caseId) => ({ type: 'case.erased' as const, caseId, kept: false })));
      if (items.length > 0) await deps.outbox.enqueue(items, at);
      for (const task of deps.also ?? []) await task(at);
      if (result.abandoned > 0 || result.pseudonymised.length > 0 || result.dedupe > 0 || result.outbox > 0) {
        deps.log?.('info', 'retention sweep', { abandoned: result.abandoned, pseudonymised: result.pseudonymised.length, dedupe: result.dedupe, outbox: result.outbox });
      }
      return result;
    },
  };
}

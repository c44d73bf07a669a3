/**
 * The retention the privacy notice promises (application-data.md, "Retention"): conversations
 * nobody continues, and that led to no case, are erased after `abandonedDays`; inbound ids are kept
 * a week (channels re-deliver within hours). Run on a timer (Node) or the cron trigger (Workers).
 */
import type { RetentionStore, SweepResult } from './ports.js';

const DAY = 24 * 60 * 60 * 1000;
const DEDUPE_DAYS = 7;

export interface Retention {
  run(): Promise<SweepResult>;
}

export function createRetention(deps: {
  store: RetentionStore;
  abandonedDays: number;
  clock: () => Date;
  log?: (level: 'info' | 'error', message: string, data?: Record<string, unknown>) => void;
}): Retention {
  const { clock } = deps;
  return {
    async run() {
      const at = clock();
      const result = await deps.store.sweep({
        abandonedBefore: new Date(at.getTime() - deps.abandonedDays * DAY),
        dedupeBefore: new Date(at.getTime() - DEDUPE_DAYS * DAY),
        at,
      });
      if (result.abandoned > 0 || result.dedupe > 0) deps.log?.('info', 'retention sweep', { ...result });
      return result;
    },
  };
}

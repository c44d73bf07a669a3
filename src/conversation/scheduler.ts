/**
 * The scheduler: runs the jobs that are due (reminders, check-ins), on a timer on Node and from a
 * Cron Trigger on Workers. Any number of runners, in any number of instances, may run at once:
 * a runner leases due jobs (the store skips rows another runner holds), then runs each in the
 * transaction that holds its person's contact, where the job is taken again under its row lock and
 * finished with its work. So a job's work commits once, whoever runs it and however often.
 *
 * Handlers are idempotent in a second way too: they read the state as it is when they run (an
 * appointment cancelled after the reminder was planned) and skip what no longer applies.
 */
import type { ContactTx, CaseStore, ConversationStore } from './ports.js';
import type { DueJob, JobOutcome, JobStore } from './scheduler-ports.js';

export interface JobContext {
  tx: ContactTx;
  job: DueJob;
}

/** Does a job's work in its person's transaction; `skipped` when it no longer applies. */
export type JobHandler = (ctx: JobContext) => Promise<JobOutcome>;

export interface SchedulerOptions {
  store: JobStore;
  cases: CaseStore;
  conversations: ConversationStore;
  handlers: Readonly<Record<string, JobHandler>>;
  clock: () => Date;
  /** How long a runner holds a job before another may take it (default 5 minutes). */
  leaseMs?: number;
  /** Give up after this many runs (default 8; with the backoff below, about four hours). */
  maxAttempts?: number;
  log?: (level: 'warn' | 'error', message: string, data?: Record<string, unknown>) => void;
}

export interface RunResult {
  /** Jobs whose work was done (or found not to apply) and finished by this run. */
  finished: number;
  failed: number;
}

export interface Scheduler {
  /** Runs what is due until nothing is or `budgetMs` has passed. */
  run(budgetMs?: number): Promise<RunResult>;
}

/** One minute, doubling, capped at one hour. */
export function jobBackoffMs(attempts: number): number {
  return Math.min(60_000 * 2 ** Math.max(0, attempts - 1), 60 * 60_000);
}

const BATCH = 10;

export function createScheduler(options: SchedulerOptions): Scheduler {
  const { store, clock } = options;
  const leaseMs = options.leaseMs ?? 5 * 60_000;
  const maxAttempts = options.maxAttempts ?? 8;
  let running: Promise<RunResult> | null = null;

  async function fail(job: DueJob, error: string, permanent: boolean): Promise<void> {
    const giveUp = permanent || job.attempts >= maxAttempts;
    const now = clock();
    await store.failed(job.id, error, giveUp ? null : new Date(now.getTime() + jobBackoffMs(job.attempts)), now);
    options.log?.(giveUp ? 'error' : 'warn', giveUp ? 'scheduled job dead' : 'scheduled job failed', { kind: job.kind, attempts: job.attempts, error });
  }

  /** True when this run finished the job; false when it failed or another runner had done it. */
  async function runOne(leased: DueJob): Promise<'finished' | 'failed' | 'gone'> {
    const handler = options.handlers[leased.kind];
    if (!handler) {
      await fail(leased, `no handler for ${leased.kind}`, true);
      return 'failed';
    }
    const view = await options.cases.byId(leased.caseId);
    // The case is gone: its jobs went with it (on delete cascade).
    if (!view) return 'gone';
    try {
      return await options.conversations.withContact(view.contact, async (tx) => {
        const job = await tx.jobs.take(leased.id);
        if (!job) return 'gone';
        const outcome = await handler({ tx, job });
        await tx.jobs.finish(job.id, outcome);
        return 'finished';
      });
    } catch (error) {
      await fail(leased, error instanceof Error ? error.message : String(error), false);
      return 'failed';
    }
  }

  async function once(budgetMs: number): Promise<RunResult> {
    const started = performance.now();
    const result: RunResult = { finished: 0, failed: 0 };
    while (performance.now() - started < budgetMs) {
      const due = await store.claim(clock(), BATCH, { leaseMs, maxAttempts });
      if (due.length === 0) break;
      // One at a time: jobs of one person must not wait on each other's locks, and the embedded
      // database has a single connection anyway.
      for (const job of due) {
        const outcome = await runOne(job);
        if (outcome === 'finished') result.finished++;
        if (outcome === 'failed') result.failed++;
      }
    }
    return result;
  }

  return {
    run(budgetMs = 10_000) {
      // One run at a time per process; a call during a run shares it.
      running ??= once(budgetMs).finally(() => {
        running = null;
      });
      return running;
    },
  };
}

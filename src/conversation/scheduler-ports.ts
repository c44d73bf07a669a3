/**
 * The scheduler's ports: scheduled jobs as the core sees them, described without naming a database
 * (src/db implements them; one contract suite checks PGlite and PostgreSQL).
 */
import type { Scalar } from '../flow/schema.js';

/** A job to schedule. */
export interface JobSpec {
  /** What runs it: a handler registered under this name (`appointment.reminder`). */
  kind: string;
  caseId: string;
  /**
   * The job's purpose, unique (`appointment:<id>:day_before`): scheduling the same key again moves
   * the job to the new time and makes it due again, so planning twice never reminds twice.
   */
  key: string;
  dueAt: Date;
  /** Ids and numbers only: never personal data. */
  payload?: Record<string, Scalar>;
}

/** A job handed to a runner. */
export interface DueJob {
  id: string;
  kind: string;
  caseId: string;
  key: string;
  payload: Record<string, Scalar>;
  dueAt: Date;
  /** Runs started so far, this one included. */
  attempts: number;
}

/** How a run ended: it did its work, or what it was for no longer applies (a cancelled appointment). */
export type JobOutcome = 'done' | 'skipped';

/** A job as tests and staff pages see it. */
export interface JobRecord extends DueJob {
  finishedAt: Date | null;
  outcome: JobOutcome | 'cancelled' | 'dead' | null;
  lastError: string | null;
}

/** Scheduled jobs outside a person's transaction: what runners lease and report. */
export interface JobStore {
  /**
   * Leases up to `limit` jobs due at `now` for `leaseMs` (`FOR UPDATE SKIP LOCKED`: two runners
   * never lease the same job), counting an attempt for each. Jobs that used `maxAttempts` are left.
   */
  claim(now: Date, limit: number, options: { leaseMs: number; maxAttempts: number }): Promise<DueJob[]>;
  /** A run failed: due again at `retryAt`, or given up (`dead`) when it is null. */
  failed(id: string, error: string, retryAt: Date | null, at: Date): Promise<void>;
  /** The jobs of a case, by due time. */
  ofCase(caseId: string): Promise<JobRecord[]>;
}

/** Scheduled jobs inside the transaction that holds a person's contact. */
export interface JobsTx {
  /** Schedules jobs of this person's cases (by key: an existing job moves). */
  schedule(jobs: readonly JobSpec[]): Promise<void>;
  /** Cancels this person's unfinished jobs whose key starts with `keyPrefix`; returns how many. */
  cancel(keyPrefix: string): Promise<number>;
  /**
   * Takes the job's row lock for this run. The job as it is now, or null when it must not run: a
   * runner finished it meanwhile, or it was moved to a later time after it was leased.
   */
  take(id: string): Promise<DueJob | null>;
  /** Finishes a taken job with the transaction (its work commits with it, or neither does). */
  finish(id: string, outcome: JobOutcome): Promise<void>;
}

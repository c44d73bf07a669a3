/**
 * Scheduled jobs on drizzle. Runners lease due rows (`FOR UPDATE SKIP LOCKED`, then a lease in
 * `locked_until`), and each run takes the row's lock again inside the person's transaction
 * (jobs-tx.ts), where it is finished together with its work: a job is done exactly once even when
 * its lease ran out while it was running and another runner leased it too.
 */
import { and, asc, eq, inArray, isNull, lt, lte, or, sql } from 'drizzle-orm';
import type { DueJob, JobRecord, JobStore } from '../conversation/scheduler-ports.js';
import type { Db } from './client.js';
import { scheduledJobs, type ScheduledJobRow } from './schema.js';

export function toDueJob(row: ScheduledJobRow): DueJob {
  return { id: String(row.id), kind: row.kind, caseId: row.caseId, key: row.key, payload: row.payload, dueAt: row.dueAt, attempts: row.attempts };
}

const OUTCOMES = ['done', 'skipped', 'cancelled', 'dead'] as const;

function toRecord(row: ScheduledJobRow): JobRecord {
  return {
    ...toDueJob(row),
    finishedAt: row.finishedAt,
    outcome: OUTCOMES.find((o) => o === row.outcome) ?? null,
    lastError: row.lastError,
  };
}

/** A job id as the database has it; a malformed one matches nothing. */
export function jobId(id: string): number {
  const n = Number(id);
  return Number.isSafeInteger(n) && n > 0 ? n : -1;
}

export function createJobStore(db: Db): JobStore {
  return {
    async claim(now, limit, { leaseMs, maxAttempts }) {
      // Rechecked after the row lock is taken, so a job leased or finished meanwhile is skipped.
      const picked = db
        .select({ id: scheduledJobs.id })
        .from(scheduledJobs)
        .where(
          and(
            isNull(scheduledJobs.finishedAt),
            lte(scheduledJobs.dueAt, now),
            lt(scheduledJobs.attempts, maxAttempts),
            or(isNull(scheduledJobs.lockedUntil), lte(scheduledJobs.lockedUntil, now)),
          ),
        )
        .orderBy(asc(scheduledJobs.dueAt), asc(scheduledJobs.id))
        .limit(limit)
        .for('update', { skipLocked: true });
      const rows = await db
        .update(scheduledJobs)
        .set({ lockedUntil: new Date(now.getTime() + leaseMs), attempts: sql`${scheduledJobs.attempts} + 1`, updatedAt: now })
        .where(inArray(scheduledJobs.id, picked))
        .returning();
      rows.sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || a.id - b.id);
      return rows.map(toDueJob);
    },

    async failed(id, error, retryAt, at) {
      await db
        .update(scheduledJobs)
        .set({
          lastError: error.slice(0, 2000),
          lockedUntil: null,
          updatedAt: at,
          ...(retryAt === null ? { finishedAt: at, outcome: 'dead' } : { dueAt: retryAt }),
        })
        .where(and(eq(scheduledJobs.id, jobId(id)), isNull(scheduledJobs.finishedAt)));
    },

    async ofCase(caseId) {
      const rows = await db.select().from(scheduledJobs).where(eq(scheduledJobs.caseId, caseId)).orderBy(asc(scheduledJobs.dueAt), asc(scheduledJobs.id));
      return rows.map(toRecord);
    },
  };
}

/** Scheduled jobs inside a person's transaction (see jobs-store.ts for the runners' side). */
import { and, eq, inArray, isNull, like, lte, sql } from 'drizzle-orm';
import type { JobsTx } from '../conversation/scheduler-ports.js';
import { jobId, toDueJob } from './jobs-store.js';
import type { Tx } from './rows.js';
import { cases, scheduledJobs } from './schema.js';

/** `%` and `_` in a key prefix are literal. */
const escapeLike = (s: string): string => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export function createJobsTx(tx: Tx, contactId: string, now: Date): JobsTx {
  const ownCases = tx.select({ id: cases.id }).from(cases).where(eq(cases.contactId, contactId));
  return {
    async schedule(jobs) {
      if (jobs.length === 0) return;
      const ids = [...new Set(jobs.map((j) => j.caseId))];
      const owned = await tx.select({ id: cases.id }).from(cases).where(and(eq(cases.contactId, contactId), inArray(cases.id, ids)));
      if (owned.length !== ids.length) throw new Error(`schedule: a case is not a case of contact ${contactId}`);
      await tx
        .insert(scheduledJobs)
        .values(jobs.map((j) => ({ key: j.key, kind: j.kind, caseId: j.caseId, payload: j.payload ?? {}, dueAt: j.dueAt, createdAt: now, updatedAt: now })))
        .onConflictDoUpdate({
          target: scheduledJobs.key,
          // Planned again: due at the new time, as a new job (a reminder already sent for the old
          // time is sent again for the new one).
          set: {
            kind: sql`excluded.kind`,
            caseId: sql`excluded.case_id`,
            payload: sql`excluded.payload`,
            dueAt: sql`excluded.due_at`,
            attempts: 0,
            lockedUntil: null,
            finishedAt: null,
            outcome: null,
            lastError: null,
            updatedAt: now,
          },
        });
    },

    async cancel(keyPrefix) {
      const rows = await tx
        .update(scheduledJobs)
        .set({ finishedAt: now, outcome: 'cancelled', lockedUntil: null, updatedAt: now })
        .where(and(like(scheduledJobs.key, `${escapeLike(keyPrefix)}%`), isNull(scheduledJobs.finishedAt), inArray(scheduledJobs.caseId, ownCases)))
        .returning({ id: scheduledJobs.id });
      return rows.length;
    },

    async take(id) {
      const [row] = await tx
        .select()
        .from(scheduledJobs)
        .where(and(eq(scheduledJobs.id, jobId(id)), isNull(scheduledJobs.finishedAt), lte(scheduledJobs.dueAt, now), inArray(scheduledJobs.caseId, ownCases)))
        .for('update');
      return row ? toDueJob(row) : null;
    },

    async finish(id, outcome) {
      await tx
        .update(scheduledJobs)
        .set({ finishedAt: now, outcome, lockedUntil: null, lastError: null, updatedAt: now })
        .where(and(eq(scheduledJobs.id, jobId(id)), isNull(scheduledJobs.finishedAt)));
    },
  };
}

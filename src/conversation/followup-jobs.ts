/**
 * The follow-up's jobs: a check-in after 1, 3, 6 and 12 months (counted from the departure), and the
 * end of each check-in's window, which counts a check-in without an answer and stops the follow-up
 * after two in a row. Each reads the follow-up when it runs: a stopped one is skipped.
 */
import { PLAN_NS } from './appointment-text.js';
import type { ContactTx } from './ports.js';
import { CHECKIN_MONTHS } from './followup.js';
import type { JobHandler } from './scheduler.js';
import type { JobSpec } from './scheduler-ports.js';
import type { Teller } from './tell.js';

export const FOLLOWUP_CHECKIN = 'followup.checkin';
export const FOLLOWUP_CLOSE = 'followup.close';

/** How long a check-in waits for an answer. */
export const CHECKIN_WINDOW_DAYS = 21;
/** Two check-ins in a row without an answer end the follow-up. */
export const MISSES_TO_STOP = 2;
/**
 * Check-ins go out at 09:00 UTC: late morning to early afternoon in the countries people return to
 * from the Balkans (West Africa to South Asia), never at night.
 */
const CHECKIN_UTC_HOUR = 9;
const DAY = 86_400_000;

export const followupJobPrefix = (caseId: string): string => `followup:${caseId}:`;

/** `months` calendar months after `from` (the 31st becomes the month's last day), at the check-in hour. */
export function monthsAfter(from: Date, months: number): Date {
  const y = from.getUTCFullYear();
  const m = from.getUTCMonth() + months;
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m, Math.min(from.getUTCDate(), last), CHECKIN_UTC_HOUR));
}

export function checkinJobs(caseId: string, departedAt: Date): JobSpec[] {
  return CHECKIN_MONTHS.map((month) => ({
    kind: FOLLOWUP_CHECKIN,
    caseId,
    key: `${followupJobPrefix(caseId)}m${month}`,
    dueAt: monthsAfter(departedAt, month),
    payload: { month },
  }));
}

/** The case left: a follow-up the person agreed to starts, counted from the departure. */
export async function startFollowup(tx: ContactTx, caseId: string): Promise<boolean> {
  const plan = await tx.travel.get(caseId);
  const departedAt = plan && plan.departsAt <= tx.now ? plan.departsAt : tx.now;
  const started = await tx.followup.activate(caseId, departedAt);
  if (!started) return false;
  await tx.jobs.schedule(checkinJobs(caseId, departedAt));
  await tx.addCaseEvent(caseId, { kind: 'followup_started', actor: 'system', data: { from: departedAt.toISOString() } });
  return true;
}

const monthOf = (value: unknown): number | null => CHECKIN_MONTHS.find((m) => m === value) ?? null;

export function followupJobHandlers(deps: { teller: Teller }): Record<string, JobHandler> {
  const { teller } = deps;
  return {
    [FOLLOWUP_CHECKIN]: async ({ tx, job }) => {
      const month = monthOf(job.payload['month']);
      const followup = await tx.followup.get(job.caseId);
      const record = await tx.case(job.caseId);
      if (month === null || followup?.status !== 'active' || (record?.status !== 'departed' && record?.status !== 'closed')) return 'skipped';
      const closesAt = new Date(tx.now.getTime() + CHECKIN_WINDOW_DAYS * DAY);
      await tx.followup.open(job.caseId, month, closesAt);
      await tx.jobs.schedule([{ kind: FOLLOWUP_CLOSE, caseId: job.caseId, key: `${followupJobPrefix(job.caseId)}m${month}:close`, dueAt: closesAt, payload: { month } }]);
      await tx.addCaseEvent(job.caseId, { kind: 'followup_checkin', actor: 'system', data: { month } });
      // Held back on a phone that is not safe: the check-in waits in /followup and /status.
      await teller.tell(tx, `${PLAN_NS}:followup.checkin_${month}`);
      return 'done';
    },
    [FOLLOWUP_CLOSE]: async ({ tx, job }) => {
      const month = monthOf(job.payload['month']);
      const followup = await tx.followup.get(job.caseId);
      if (month === null || followup?.status !== 'active') return 'skipped';
      const misses = await tx.followup.close(job.caseId, month);
      if (misses !== null && misses >= MISSES_TO_STOP) {
        await tx.followup.stop(job.caseId, 'stopped_unanswered');
        await tx.jobs.cancel(followupJobPrefix(job.caseId));
        await tx.addCaseEvent(job.caseId, { kind: 'followup_stopped', actor: 'system', data: { reason: 'unanswered' } });
        await teller.publish(tx, [{ type: 'followup.stopped', caseId: job.caseId, reason: 'unanswered' }]);
      } else if (month === CHECKIN_MONTHS[CHECKIN_MONTHS.length - 1]) {
        await tx.followup.stop(job.caseId, 'completed');
        await tx.addCaseEvent(job.caseId, { kind: 'followup_completed', actor: 'system', data: {} });
      }
      return 'done';
    },
  };
}

/**
 * The jobs of a travel plan: reminders three days before and the day before (at 10:00 where the
 * travel starts) and on the morning (07:00, when that is at least two hours before leaving), and a
 * prompt to staff once the departure time has passed. Each reads the plan and the case when it runs.
 */
import type { Translator } from '../i18n/translator.js';
import { PLAN_NS } from './appointment-text.js';
import { atLocalTime } from './local-time.js';
import type { JobHandler } from './scheduler.js';
import type { JobSpec } from './scheduler-ports.js';
import type { Teller } from './tell.js';
import type { TravelPlan } from './travel.js';
import { travelParams } from './travel-text.js';

export const TRAVEL_REMINDER = 'travel.reminder';
export const TRAVEL_DEPARTURE_DUE = 'travel.departure_due';

const HOUR = 3_600_000;
const REMINDERS = [
  ['three_days', -3, '10:00'],
  ['day_before', -1, '10:00'],
  ['morning', 0, '07:00'],
] as const;
type Which = (typeof REMINDERS)[number][0];

export const travelJobPrefix = (caseId: string): string => `travel:${caseId}:`;

/** The jobs of a plan; reminders whose time has passed (or that would come too close to leaving) are left out. */
export function travelJobs(plan: TravelPlan, now: Date): JobSpec[] {
  const prefix = travelJobPrefix(plan.caseId);
  const reminders = REMINDERS.flatMap(([which, days, time]) => {
    const dueAt = atLocalTime(plan.departsAt, days, time, plan.timeZone);
    if (!dueAt || dueAt <= now || dueAt.getTime() > plan.departsAt.getTime() - 2 * HOUR) return [];
    return [{ kind: TRAVEL_REMINDER, caseId: plan.caseId, key: `${prefix}${which}`, dueAt, payload: { which } }];
  });
  const due = { kind: TRAVEL_DEPARTURE_DUE, caseId: plan.caseId, key: `${prefix}departure_due`, dueAt: new Date(plan.departsAt.getTime() + 3 * HOUR) };
  return [...reminders, due];
}

const isWhich = (value: unknown): value is Which => REMINDERS.some(([which]) => which === value);

export function travelJobHandlers(deps: { teller: Teller; translator: Translator }): Record<string, JobHandler> {
  const { teller, translator } = deps;

  async function booked(ctx: Parameters<JobHandler>[0]): Promise<TravelPlan | null> {
    const record = await ctx.tx.case(ctx.job.caseId);
    if (record?.status !== 'travel_booked') return null;
    return ctx.tx.travel.get(record.id);
  }

  return {
    [TRAVEL_REMINDER]: async (ctx) => {
      const which = ctx.job.payload['which'];
      const plan = await booked(ctx);
      if (!plan || !isWhich(which) || plan.departsAt <= ctx.tx.now) return 'skipped';
      await teller.tell(ctx.tx, `${PLAN_NS}:travel.reminder_${which}`, travelParams(translator, teller.languageOf(ctx.tx), plan));
      return 'done';
    },
    [TRAVEL_DEPARTURE_DUE]: async (ctx) => {
      const plan = await booked(ctx);
      if (!plan || plan.departsAt > ctx.tx.now) return 'skipped';
      await teller.publish(ctx.tx, [{ type: 'travel.departure_due', caseId: plan.caseId, departsAt: plan.departsAt.toISOString() }]);
      return 'done';
    },
  };
}

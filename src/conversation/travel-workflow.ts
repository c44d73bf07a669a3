/**
 * What staff do with the travel day (the dashboard's case page): enter or change the details once
 * the case's travel is booked (the person is told in their language, with the local time, and
 * reminders are planned), and after the departure time confirm that the person left.
 */
import type { Translator } from '../i18n/translator.js';
import { PLAN_NS } from './appointment-text.js';
import type { Staff } from './case-model.js';
import { caseChanges, type CaseChangeDeps } from './case-change.js';
import type { CaseWorkflow } from './case-workflow.js';
import { fromLocal, isTimeZone } from './local-time.js';
import { parseBring, type TravelPlan } from './travel.js';
import { travelJobPrefix, travelJobs } from './travel-jobs.js';
import { travelParams } from './travel-text.js';

export type TravelErrorCode = 'not_travel_booked' | 'bad_time' | 'in_the_past' | 'bad_zone' | 'no_meeting_point' | 'too_long' | 'no_plan' | 'not_yet';

export class TravelError extends Error {
  override name = 'TravelError';
  constructor(readonly code: TravelErrorCode) {
    super(`travel: ${code}`);
  }
}

export interface TravelInput {
  /** The wall-clock date and time of departure where it starts (`timeZone`). */
  date: string;
  time: string;
  timeZone: string;
  meetingPoint: string;
  escort: string;
  bring: readonly string[];
}

export interface TravelWorkflow {
  plan(reference: string, input: TravelInput, by: Staff): Promise<TravelPlan>;
  /** Once the departure time has passed: the case moves to departed (the person is told). */
  confirmDeparture(reference: string, by: Staff): Promise<void>;
}

const MAX_TEXT = 300;

export function createTravelWorkflow(deps: CaseChangeDeps & { translator: Translator; workflow: CaseWorkflow; clock: () => Date }): TravelWorkflow {
  const { change, load } = caseChanges(deps);
  return {
    async plan(reference, input, by) {
      if (!isTimeZone(input.timeZone)) throw new TravelError('bad_zone');
      const departsAt = fromLocal(input.date, input.time, input.timeZone);
      if (!departsAt) throw new TravelError('bad_time');
      const meetingPoint = input.meetingPoint.trim();
      const escort = input.escort.trim();
      if (meetingPoint === '') throw new TravelError('no_meeting_point');
      if (meetingPoint.length > MAX_TEXT || escort.length > MAX_TEXT) throw new TravelError('too_long');
      const bring = input.bring.flatMap((b) => parseBring(b) ?? []);
      return change(reference, by, 'arrange', async ({ tx, record, commit }) => {
        if (record.status !== 'travel_booked') throw new TravelError('not_travel_booked');
        if (departsAt <= tx.now) throw new TravelError('in_the_past');
        const plan = await tx.travel.save(record.id, { departsAt, timeZone: input.timeZone, meetingPoint, escort, bring }, by.id);
        // Planned again: the reminders of the old plan go, those of the new one come.
        await tx.jobs.cancel(travelJobPrefix(record.id));
        await tx.jobs.schedule(travelJobs(plan, tx.now));
        const iso = departsAt.toISOString();
        await commit('travel_planned', { departs_at: iso }, [{ type: 'travel.planned', caseId: record.id, departsAt: iso, by }]);
        await deps.teller.tell(tx, `${PLAN_NS}:travel.details`, travelParams(deps.translator, deps.teller.languageOf(tx), plan));
        return plan;
      });
    },

    async confirmDeparture(reference, by) {
      const view = await load(reference);
      if (view.status !== 'travel_booked') throw new TravelError('not_travel_booked');
      const plan = await change(reference, by, 'arrange', ({ tx, record }) => tx.travel.get(record.id));
      if (!plan) throw new TravelError('no_plan');
      if (plan.departsAt > deps.clock()) throw new TravelError('not_yet');
      await deps.workflow.setStatus(reference, 'departed', by);
    },
  };
}

/** What the case page shows of what is arranged for a case, read once per page. */
import { documentItems, progress } from '../conversation/documents.js';
import { DEFAULT_TIME_ZONE, localDate, timeZoneChoices, wallClock } from '../conversation/local-time.js';
import type { CaseStatus } from '../conversation/case-model.js';
import { bringItems } from '../conversation/travel.js';
import { questionNames } from '../conversation/followup.js';
import { appointmentDecisions } from './appointment-decisions.js';
import type { Core } from './core.js';
import type { Arranged } from './views/case/arranged.js';

export async function arrangedFor(core: Core, caseId: string, reference: string, status: CaseStatus): Promise<Arranged> {
  const { stores } = core.deps.after;
  const [appointments, documents, plan, followup] = await Promise.all([
    stores.appointments.ofCase(caseId),
    stores.documents.ofCase(caseId),
    stores.travel.ofCase(caseId),
    stores.followup.ofCase(caseId),
  ]);
  const booked = status === 'travel_booked';
  const clock = plan ? wallClock(plan.departsAt, plan.timeZone) : null;
  const label = (item: string) => core.deps.translator.label('en', `plan:documents.item.${item}.name`);
  return {
    appointments: appointmentDecisions(appointments, core.now()),
    documents: {
      reference,
      ...progress(documents),
      rows: documentItems.map((item) => ({ item, label: label(item), status: documents.find((d) => d.item === item)?.status ?? 'none' })),
    },
    travel: {
      reference,
      plan:
        plan && clock
          ? {
              date: localDate(plan.departsAt, plan.timeZone),
              time: `${String(clock.hour).padStart(2, '0')}:${String(clock.minute).padStart(2, '0')}`,
              timeZone: plan.timeZone,
              departsAt: plan.departsAt,
              meetingPoint: plan.meetingPoint,
              escort: plan.escort,
              bring: plan.bring,
              confirmedAt: plan.confirmedAt,
              problem: plan.problem,
            }
          : null,
      canPlan: booked,
      canConfirmDeparture: booked && plan !== null && plan.departsAt <= core.now(),
      bringOptions: bringItems.map((id) => ({ id, label: core.deps.translator.label('en', `plan:travel.bring.${id}`) })),
      zones: [...new Set([plan?.timeZone ?? DEFAULT_TIME_ZONE, ...timeZoneChoices().slice(0, 12)])],
    },
    followup: {
      status: followup.followup?.status ?? null,
      checkins: followup.checkins.map((c) => ({
        month: c.month,
        status: c.status,
        urgent: c.urgent,
        answers: questionNames.flatMap((q): Array<[string, string]> => (c.answers[q] ? [[q, c.answers[q]]] : [])),
      })),
    },
  };
}

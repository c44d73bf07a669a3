/**
 * What staff do with appointments, whatever tool they use (the dashboard, a chat tool's `slots` command):
 * publish and withdraw times, record whether the person came, cancel a booking (the person is told
 * in their language). Changes to a case's appointment go through the case-change rules (case-change.ts).
 */
import type { Translator } from '../i18n/translator.js';
import { appointmentJobPrefix } from './appointment-jobs.js';
import { appointmentModes, type AppointmentMode, type AppointmentStore, type Slot, type SlotLine } from './appointment-ports.js';
import { PLAN_NS, appointmentParams, personZone } from './appointment-text.js';
import { atLeast, type Staff } from './case-model.js';
import { caseChanges, type CaseChangeDeps } from './case-change.js';
import { fromLocal, isTimeZone, localDate } from './local-time.js';

export type AppointmentErrorCode =
  | 'bad_time'
  | 'in_the_past'
  | 'bad_length'
  | 'bad_mode'
  | 'office_needed'
  | 'office_unknown'
  | 'no_language'
  | 'bad_language'
  | 'bad_zone'
  | 'slot_not_found'
  | 'slot_booked'
  | 'not_yours'
  | 'appointment_not_found'
  | 'not_booked';

/** A staff member's mistake with a time: the tool says which; nothing changed. */
export class AppointmentError extends Error {
  override name = 'AppointmentError';
  constructor(readonly code: AppointmentErrorCode) {
    super(`appointment: ${code}`);
  }
}

/** A time as staff type it: the wall-clock date and time where it happens. */
export interface SlotInput {
  date: string;
  time: string;
  minutes: number;
  mode: string;
  officeId: string | null;
  languages: readonly string[];
  /** The zone of the date and time (an in-person time takes its office's). */
  timeZone: string;
}

export interface AppointmentWorkflow {
  publish(by: Staff, input: SlotInput): Promise<Slot>;
  /** Withdraws a free time: the counsellor who gave it, or a coordinator. */
  withdraw(by: Staff, slotId: string): Promise<void>;
  /** The times of one local day in a zone, with their bookings. */
  day(date: string, timeZone: string): Promise<SlotLine[]>;
  /** Records whether the person came to a booked appointment whose time has begun. */
  attendance(reference: string, appointmentId: string, attended: boolean, by: Staff): Promise<void>;
  /** Cancels a booking for the person, who is told in their language. */
  cancel(reference: string, appointmentId: string, by: Staff): Promise<void>;
}

export const MIN_MINUTES = 10;
export const MAX_MINUTES = 240;
const DAY = 86_400_000;

export function createAppointmentWorkflow(
  deps: CaseChangeDeps & { store: AppointmentStore; translator: Translator; languages: readonly string[]; clock: () => Date },
): AppointmentWorkflow {
  const { store, clock } = deps;
  const { change } = caseChanges(deps);

  async function appointmentOf(reference: string, appointmentId: string) {
    const found = await store.appointment(appointmentId);
    if (!found || found.reference !== reference) throw new AppointmentError('appointment_not_found');
    return found;
  }

  return {
    async publish(by, input) {
      const mode = appointmentModes.find((m) => m === input.mode);
      if (!mode) throw new AppointmentError('bad_mode');
      if (!Number.isInteger(input.minutes) || input.minutes < MIN_MINUTES || input.minutes > MAX_MINUTES) throw new AppointmentError('bad_length');
      const languages = [...new Set(input.languages)];
      if (languages.length === 0) throw new AppointmentError('no_language');
      if (languages.some((l) => !deps.languages.includes(l))) throw new AppointmentError('bad_language');
      const office = await officeFor(mode, input.officeId);
      const timeZone = office?.timeZone ?? input.timeZone;
      if (!isTimeZone(timeZone)) throw new AppointmentError('bad_zone');
      const startsAt = fromLocal(input.date, input.time, timeZone);
      if (!startsAt) throw new AppointmentError('bad_time');
      if (startsAt <= clock()) throw new AppointmentError('in_the_past');
      return store.publish({ startsAt, minutes: input.minutes, mode, officeId: office?.id ?? null, languages, counsellor: by.id, counsellorName: by.name, timeZone }, clock());
    },

    async withdraw(by, slotId) {
      const slot = await store.slot(slotId);
      if (!slot || slot.cancelledAt) throw new AppointmentError('slot_not_found');
      if (!by.actorIds.includes(slot.counsellor) && !atLeast(by.role, 'coordinator')) throw new AppointmentError('not_yours');
      if (!(await store.withdraw(slotId, clock()))) throw new AppointmentError('slot_booked');
    },

    async day(date, timeZone) {
      const from = fromLocal(date, '00:00', timeZone);
      if (!from) throw new AppointmentError('bad_time');
      // A day is 23 to 25 hours around a clock change: take the next local midnight.
      const next = new Date(from.getTime() + DAY + 3 * 3_600_000);
      const to = fromLocal(localDate(next, timeZone), '00:00', timeZone) ?? new Date(from.getTime() + DAY);
      return store.between(from, to);
    },

    async attendance(reference, appointmentId, attended, by) {
      const found = await appointmentOf(reference, appointmentId);
      if (found.slot.startsAt > clock()) throw new AppointmentError('not_booked');
      await change(reference, by, 'arrange', async ({ tx, commit }) => {
        if (!(await tx.appointments.end(appointmentId, attended ? 'attended' : 'no_show', by.id))) throw new AppointmentError('not_booked');
        await tx.jobs.cancel(appointmentJobPrefix(appointmentId));
        const startsAt = found.slot.startsAt.toISOString();
        await commit(attended ? 'appointment_attended' : 'appointment_no_show', { starts_at: startsAt }, [
          { type: 'appointment.attendance', caseId: found.caseId, appointmentId, startsAt, attended, by },
        ]);
      });
    },

    async cancel(reference, appointmentId, by) {
      const found = await appointmentOf(reference, appointmentId);
      await change(reference, by, 'arrange', async ({ tx, record, commit }) => {
        if (!(await tx.appointments.end(appointmentId, 'cancelled', by.id))) throw new AppointmentError('not_booked');
        await tx.jobs.cancel(appointmentJobPrefix(appointmentId));
        const startsAt = found.slot.startsAt.toISOString();
        await commit('appointment_cancelled', { starts_at: startsAt }, [{ type: 'appointment.cancelled', caseId: found.caseId, appointmentId, startsAt, by }]);
        const language = deps.teller.languageOf(tx);
        await deps.teller.tell(tx, `${PLAN_NS}:appointment.cancelled_by_staff`, appointmentParams(deps.translator, language, found.slot, personZone(record.hostCountry, found.slot)));
      });
    },
  };

  async function officeFor(mode: AppointmentMode, officeId: string | null) {
    if (mode !== 'in_person') return null;
    if (!officeId) throw new AppointmentError('office_needed');
    const office = (await store.offices()).find((o) => o.id === officeId && o.active);
    if (!office) throw new AppointmentError('office_unknown');
    return office;
  }
}


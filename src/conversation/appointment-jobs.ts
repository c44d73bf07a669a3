/**
 * The scheduled jobs of an appointment: reminders the day before and an hour before, and, once the
 * time is over, a prompt to staff to record whether the person came. Each reads the appointment when
 * it runs: a cancelled or moved one is skipped.
 */
import type { Translator } from '../i18n/translator.js';
import type { Appointment } from './appointment-ports.js';
import { PLAN_NS, appointmentParams, personZone } from './appointment-text.js';
import { isOpenStatus } from './case-model.js';
import type { JobHandler } from './scheduler.js';
import type { JobSpec } from './scheduler-ports.js';
import type { Teller } from './tell.js';

export const APPOINTMENT_REMINDER = 'appointment.reminder';
export const APPOINTMENT_ENDED = 'appointment.ended';

const HOUR = 3_600_000;
/** How long after the end staff are asked whether the person came. */
const ENDED_AFTER_MS = 15 * 60_000;

const REMINDERS = [
  ['day_before', 24 * HOUR],
  ['hour_before', HOUR],
] as const;

/** Keys of an appointment's jobs start with this (to cancel them all). */
export const appointmentJobPrefix = (appointmentId: string): string => `appointment:${appointmentId}:`;

/** The jobs of a booked appointment; reminders whose time has passed are left out. */
export function appointmentJobs(appointment: Appointment, now: Date): JobSpec[] {
  const start = appointment.slot.startsAt.getTime();
  const prefix = appointmentJobPrefix(appointment.id);
  const payload = { appointment_id: appointment.id };
  const reminders = REMINDERS.filter(([, before]) => start - before > now.getTime()).map(([which, before]) => ({
    kind: APPOINTMENT_REMINDER,
    caseId: appointment.caseId,
    key: `${prefix}${which}`,
    dueAt: new Date(start - before),
    payload: { ...payload, which },
  }));
  const ended = { kind: APPOINTMENT_ENDED, caseId: appointment.caseId, key: `${prefix}ended`, dueAt: new Date(start + appointment.slot.minutes * 60_000 + ENDED_AFTER_MS), payload };
  return [...reminders, ended];
}

export function appointmentJobHandlers(deps: { teller: Teller; translator: Translator }): Record<string, JobHandler> {
  const { teller, translator } = deps;

  /** The appointment still booked, on a case still open; else null (the job no longer applies). */
  async function bookedOf(ctx: Parameters<JobHandler>[0]) {
    const id = ctx.job.payload['appointment_id'];
    const appointment = typeof id === 'string' ? await ctx.tx.appointments.byId(id) : null;
    if (appointment?.status !== 'booked') return null;
    const record = await ctx.tx.case(appointment.caseId);
    return record && isOpenStatus(record.status) ? { appointment, record } : null;
  }

  return {
    [APPOINTMENT_REMINDER]: async (ctx) => {
      const found = await bookedOf(ctx);
      const which = ctx.job.payload['which'];
      if (!found || (which !== 'day_before' && which !== 'hour_before')) return 'skipped';
      const language = teller.languageOf(ctx.tx);
      const params = appointmentParams(translator, language, found.appointment.slot, personZone(found.record.hostCountry, found.appointment.slot));
      await teller.tell(ctx.tx, `${PLAN_NS}:appointment.reminder_${which}`, params);
      return 'done';
    },
    [APPOINTMENT_ENDED]: async (ctx) => {
      const found = await bookedOf(ctx);
      if (!found) return 'skipped';
      const { appointment } = found;
      await teller.publish(ctx.tx, [{ type: 'appointment.ended', caseId: appointment.caseId, appointmentId: appointment.id, startsAt: appointment.slot.startsAt.toISOString() }]);
      return 'done';
    },
  };
}

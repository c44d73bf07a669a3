/**
 * The appointment actions of the flows (flows/appointment.yaml): what is booked, the free times in
 * the person's language and zone, booking (or moving) and cancelling. Each runs in the person's
 * transaction: the booking, its reminders and the note to staff commit together.
 */
import type { Scalar } from '../../flow/schema.js';
import { appointmentJobPrefix, appointmentJobs } from '../appointment-jobs.js';
import { appointmentParams, personZone, slotLabel } from '../appointment-text.js';
import { isOpenStatus } from '../case-model.js';
import type { CaseRecord, ContactTx } from '../ports.js';
import type { EffectHandler } from './types.js';

/** The option variables of the question that offers times (flows/appointment.yaml `pick`). */
export const SLOT_OPTIONS = ['slot_1', 'slot_2', 'slot_3', 'slot_4', 'slot_5', 'slot_6'] as const;
/** A time can be booked until this long before it starts. */
export const BOOKING_NOTICE_MS = 2 * 3_600_000;

/** The case what is arranged belongs to: the person's newest open application. */
export async function planCase(tx: ContactTx): Promise<CaseRecord | null> {
  return (await tx.cases()).find((c) => c.kind === 'application' && isOpenStatus(c.status)) ?? null;
}

const none = { appointment_when: '', appointment_how: '' };

export const showAppointment: EffectHandler = async (ctx) => {
  const record = await planCase(ctx.tx);
  const booked = record ? await ctx.tx.appointments.booked(record.id) : null;
  // An appointment whose time is over is the counsellor's to mark; the person books another.
  const upcoming = booked && booked.slot.startsAt > ctx.now ? booked : null;
  if (!record || !upcoming) return { vars: { has_case: record !== null, has_appointment: false, ...none } };
  const params = appointmentParams(ctx.translator, ctx.session.language, upcoming.slot, personZone(record.hostCountry, upcoming.slot));
  return { vars: { has_case: true, has_appointment: true, ...params } };
};

export const listSlots: EffectHandler = async (ctx) => {
  const record = await planCase(ctx.tx);
  const language = ctx.session.language;
  const free = record ? await ctx.tx.appointments.free(new Date(ctx.now.getTime() + BOOKING_NOTICE_MS), language, SLOT_OPTIONS.length) : [];
  const vars: Record<string, Scalar> = { slots_found: free.length > 0, slots_offered: free.map((s) => s.id).join(',') };
  SLOT_OPTIONS.forEach((name, i) => {
    const slot = free[i];
    vars[name] = slot && record ? slotLabel(ctx.translator, language, slot, personZone(record.hostCountry, slot)) : '';
  });
  return { vars };
};

export const bookSlot: EffectHandler = async (ctx) => {
  const failed = { vars: { booked: false, moved: false, ...none } };
  const record = await planCase(ctx.tx);
  const choice = ctx.params['choice'];
  const offered = String(ctx.session.vars['slots_offered'] ?? '').split(',');
  const index = SLOT_OPTIONS.findIndex((name) => name === choice);
  const slotId = index >= 0 ? offered[index] : undefined;
  if (!record || !slotId) return failed;
  const before = await ctx.tx.appointments.booked(record.id);
  const booked = await ctx.tx.appointments.book(record.id, slotId, before ? { replacing: before.id } : {});
  if (!booked) return failed;
  if (before) await ctx.tx.jobs.cancel(appointmentJobPrefix(before.id));
  await ctx.tx.jobs.schedule(appointmentJobs(booked, ctx.now));
  const startsAt = booked.slot.startsAt.toISOString();
  await ctx.tx.addCaseEvent(record.id, {
    kind: before ? 'appointment_moved' : 'appointment_booked',
    actor: 'migrant',
    data: { starts_at: startsAt, mode: booked.slot.mode, ...(before ? { from: before.slot.startsAt.toISOString() } : {}) },
  });
  await ctx.publish([{ type: 'appointment.booked', caseId: record.id, appointmentId: booked.id, startsAt, mode: booked.slot.mode, moved: before !== null }]);
  const params = appointmentParams(ctx.translator, ctx.session.language, booked.slot, personZone(record.hostCountry, booked.slot));
  return { vars: { booked: true, moved: before !== null, ...params } };
};

export const cancelAppointment: EffectHandler = async (ctx) => {
  const record = await planCase(ctx.tx);
  const booked = record ? await ctx.tx.appointments.booked(record.id) : null;
  if (!record || !booked || !(await ctx.tx.appointments.end(booked.id, 'cancelled', 'migrant'))) return { vars: { cancelled: false } };
  await ctx.tx.jobs.cancel(appointmentJobPrefix(booked.id));
  const startsAt = booked.slot.startsAt.toISOString();
  await ctx.tx.addCaseEvent(record.id, { kind: 'appointment_cancelled', actor: 'migrant', data: { starts_at: startsAt } });
  await ctx.publish([{ type: 'appointment.cancelled', caseId: record.id, appointmentId: booked.id, startsAt, by: null }]);
  return { vars: { cancelled: true } };
};

/**
 * What the signed-in user may do with each time on the appointments page, decided here (the case
 * model and roles.ts) and handed to the view as plain answers.
 */
import type { Appointment, SlotLine } from '../conversation/appointment-ports.js';
import type { User } from './ports.js';
import { actorIds, atLeast } from './roles.js';

export interface SlotDecision {
  slot: SlotLine;
  /** Free, and the user's own time or they coordinate. */
  canWithdraw: boolean;
  /** Booked and begun: whether the person came can be recorded (the case model decides on the case). */
  canRecord: boolean;
  /** Booked and not yet begun: the booking can be cancelled for the person. */
  canCancel: boolean;
  /** The user gave this time. */
  mine: boolean;
}

export function slotDecisions(user: User, slots: readonly SlotLine[], now: Date): SlotDecision[] {
  const ids = actorIds(user);
  const coordinator = atLeast(user, 'coordinator');
  return slots.map((slot) => {
    const mine = ids.includes(slot.counsellor);
    const booked = slot.booking?.status === 'booked';
    return {
      slot,
      mine,
      canWithdraw: slot.booking === null && (mine || coordinator),
      canRecord: booked && slot.startsAt <= now,
      canCancel: booked && slot.startsAt > now,
    };
  });
}

export interface AppointmentDecision {
  appointment: Appointment;
  canRecord: boolean;
  canCancel: boolean;
}

/** A case's appointments on its page: booked ones can be recorded once begun, or cancelled before. */
export function appointmentDecisions(list: readonly Appointment[], now: Date): AppointmentDecision[] {
  return list.map((appointment) => {
    const booked = appointment.status === 'booked';
    return { appointment, canRecord: booked && appointment.slot.startsAt <= now, canCancel: booked && appointment.slot.startsAt > now };
  });
}

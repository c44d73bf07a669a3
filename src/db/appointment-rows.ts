/** Rows of the appointment tables as the core's types. */
import { appointmentModes, appointmentStatuses, type Appointment, type AppointmentMode, type AppointmentStatus, type Office, type Slot } from '../conversation/appointment-ports.js';
import type { AppointmentRow, OfficeRow, SlotRow } from './schema.js';

function oneOf<T extends string>(allowed: readonly T[], value: string, what: string): T {
  const found = allowed.find((a) => a === value);
  if (found === undefined) throw new Error(`database: unknown ${what} "${value}"`);
  return found;
}

export const toMode = (value: string): AppointmentMode => oneOf(appointmentModes, value, 'appointment mode');
export const toStatus = (value: string): AppointmentStatus => oneOf(appointmentStatuses, value, 'appointment status');

export function toOffice(row: OfficeRow): Office {
  return { id: row.id, name: row.name, address: row.address, country: row.country, timeZone: row.timeZone, active: row.active };
}

export function toSlot(row: SlotRow, office: OfficeRow | null): Slot {
  return {
    id: row.id,
    startsAt: row.startsAt,
    minutes: row.minutes,
    mode: toMode(row.mode),
    office: office ? toOffice(office) : null,
    languages: row.languages,
    counsellor: row.counsellor,
    counsellorName: row.counsellorName,
    timeZone: row.timeZone,
    cancelledAt: row.cancelledAt,
  };
}

export function toAppointment(row: AppointmentRow, slot: Slot): Appointment {
  return { id: row.id, caseId: row.caseId, status: toStatus(row.status), slot, createdAt: row.createdAt, updatedAt: row.updatedAt };
}

/** Live bookings hold their slot: anything but cancelled or moved. */
export const LIVE_STATUSES: readonly AppointmentStatus[] = ['booked', 'attended', 'no_show'];

/** A malformed id is "not found", not a database error. */
export function isUuid(id: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);
}

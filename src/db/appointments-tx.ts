/** Appointments inside a person's transaction: free times, booking, ending a booking. */
import { and, asc, eq, gt, inArray, isNull, notExists, sql } from 'drizzle-orm';
import type { Appointment, AppointmentsTx } from '../conversation/appointment-ports.js';
import { isUuid, LIVE_STATUSES, toAppointment, toSlot } from './appointment-rows.js';
import type { Tx } from './rows.js';
import { appointmentSlots, appointments, cases, offices } from './schema.js';

export function createAppointmentsTx(tx: Tx, contactId: string, now: Date): AppointmentsTx {
  const ownCases = tx.select({ id: cases.id }).from(cases).where(eq(cases.contactId, contactId));

  async function one(where: ReturnType<typeof and>): Promise<Appointment | null> {
    const [row] = await tx
      .select()
      .from(appointments)
      .innerJoin(appointmentSlots, eq(appointmentSlots.id, appointments.slotId))
      .leftJoin(offices, eq(offices.id, appointmentSlots.officeId))
      .where(and(where, inArray(appointments.caseId, ownCases)))
      .orderBy(asc(appointmentSlots.startsAt))
      .limit(1);
    return row ? toAppointment(row.appointments, toSlot(row.appointment_slots, row.offices)) : null;
  }

  return {
    async free(from, language, limit) {
      const taken = tx
        .select({ one: sql`1` })
        .from(appointments)
        .where(and(eq(appointments.slotId, appointmentSlots.id), inArray(appointments.status, [...LIVE_STATUSES])));
      const rows = await tx
        .select()
        .from(appointmentSlots)
        .leftJoin(offices, eq(offices.id, appointmentSlots.officeId))
        .where(
          and(
            gt(appointmentSlots.startsAt, from),
            isNull(appointmentSlots.cancelledAt),
            sql`${language} = any(${appointmentSlots.languages})`,
            notExists(taken),
          ),
        )
        .orderBy(asc(appointmentSlots.startsAt), asc(appointmentSlots.id))
        .limit(limit);
      return rows.map((r) => toSlot(r.appointment_slots, r.offices));
    },

    booked: (caseId) => (isUuid(caseId) ? one(and(eq(appointments.caseId, caseId), eq(appointments.status, 'booked'))) : Promise.resolve(null)),

    byId: (id) => (isUuid(id) ? one(eq(appointments.id, id)) : Promise.resolve(null)),

    async book(caseId, slotId, options = {}) {
      if (!isUuid(caseId) || !isUuid(slotId)) return null;
      const [owned] = await tx.select({ id: cases.id }).from(cases).where(and(eq(cases.id, caseId), eq(cases.contactId, contactId)));
      if (!owned) throw new Error(`book: case ${caseId} is not a case of contact ${contactId}`);
      // The slot's lock makes two people booking it at once take turns; the unique index makes
      // the second insert write nothing.
      const [slot] = await tx
        .select()
        .from(appointmentSlots)
        .where(and(eq(appointmentSlots.id, slotId), isNull(appointmentSlots.cancelledAt), gt(appointmentSlots.startsAt, now)))
        .for('update');
      if (!slot) return null;
      // Checked under the slot's lock: whoever booked it before us has committed.
      const [taken] = await tx
        .select({ id: appointments.id })
        .from(appointments)
        .where(and(eq(appointments.slotId, slotId), inArray(appointments.status, [...LIVE_STATUSES])));
      if (taken) return null;
      if (options.replacing) {
        const moved = await tx
          .update(appointments)
          .set({ status: 'moved', changedBy: 'migrant', updatedAt: now })
          .where(and(eq(appointments.id, options.replacing), eq(appointments.caseId, caseId), eq(appointments.status, 'booked')))
          .returning({ id: appointments.id });
        if (moved.length !== 1) throw new Error(`book: appointment ${options.replacing} is not booked for case ${caseId}`);
      }
      const [row] = await tx
        .insert(appointments)
        .values({ caseId, slotId, status: 'booked', changedBy: 'migrant', createdAt: now, updatedAt: now })
        .onConflictDoNothing()
        .returning();
      if (!row) return null;
      const [office] = slot.officeId ? await tx.select().from(offices).where(eq(offices.id, slot.officeId)) : [];
      return toAppointment(row, toSlot(slot, office ?? null));
    },

    async end(id, status, by) {
      if (!isUuid(id)) return false;
      const rows = await tx
        .update(appointments)
        .set({ status, changedBy: by, updatedAt: now })
        .where(and(eq(appointments.id, id), eq(appointments.status, 'booked'), inArray(appointments.caseId, ownCases)))
        .returning({ id: appointments.id });
      return rows.length === 1;
    },
  };
}

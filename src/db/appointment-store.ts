/** AppointmentStore on drizzle: times counsellors publish, offices, and what staff pages list. */
import { and, asc, eq, gte, inArray, isNull, lt, notExists, sql } from 'drizzle-orm';
import type { AppointmentStore } from '../conversation/appointment-ports.js';
import { isUuid, LIVE_STATUSES, toAppointment, toOffice, toSlot, toStatus as toAppointmentStatus } from './appointment-rows.js';
import type { Db } from './client.js';
import { appointmentSlots, appointments, cases, offices } from './schema.js';

export function createAppointmentStore(db: Db): AppointmentStore {
  const slotsWithOffice = () => db.select().from(appointmentSlots).leftJoin(offices, eq(offices.id, appointmentSlots.officeId));

  return {
    async publish(input, at) {
      const [row] = await db
        .insert(appointmentSlots)
        .values({ ...input, createdAt: at })
        .returning();
      if (!row) throw new Error('publish: insert returned nothing');
      const [office] = input.officeId ? await db.select().from(offices).where(eq(offices.id, input.officeId)) : [];
      return toSlot(row, office ?? null);
    },

    async slot(id) {
      if (!isUuid(id)) return null;
      const [row] = await slotsWithOffice().where(eq(appointmentSlots.id, id));
      return row ? toSlot(row.appointment_slots, row.offices) : null;
    },

    async withdraw(id, at) {
      if (!isUuid(id)) return false;
      const booked = db
        .select({ one: sql`1` })
        .from(appointments)
        .where(and(eq(appointments.slotId, appointmentSlots.id), inArray(appointments.status, [...LIVE_STATUSES])));
      const rows = await db
        .update(appointmentSlots)
        .set({ cancelledAt: at })
        .where(and(eq(appointmentSlots.id, id), isNull(appointmentSlots.cancelledAt), notExists(booked)))
        .returning({ id: appointmentSlots.id });
      return rows.length === 1;
    },

    async between(from, to) {
      const rows = await slotsWithOffice()
        .where(and(gte(appointmentSlots.startsAt, from), lt(appointmentSlots.startsAt, to), isNull(appointmentSlots.cancelledAt)))
        .orderBy(asc(appointmentSlots.startsAt), asc(appointmentSlots.id));
      const ids = rows.map((r) => r.appointment_slots.id);
      const bookings = ids.length
        ? await db
            .select({ id: appointments.id, slotId: appointments.slotId, caseId: appointments.caseId, status: appointments.status, reference: cases.reference, language: cases.language })
            .from(appointments)
            .innerJoin(cases, eq(cases.id, appointments.caseId))
            .where(and(inArray(appointments.slotId, ids), inArray(appointments.status, [...LIVE_STATUSES])))
        : [];
      return rows.map((r) => {
        const slot = toSlot(r.appointment_slots, r.offices);
        const b = bookings.find((x) => x.slotId === slot.id);
        const booking = b ? { appointmentId: b.id, caseId: b.caseId, reference: b.reference, language: b.language, status: toAppointmentStatus(b.status) } : null;
        return { ...slot, booking };
      });
    },

    async appointment(id) {
      if (!isUuid(id)) return null;
      const [row] = await db
        .select()
        .from(appointments)
        .innerJoin(cases, eq(cases.id, appointments.caseId))
        .innerJoin(appointmentSlots, eq(appointmentSlots.id, appointments.slotId))
        .leftJoin(offices, eq(offices.id, appointmentSlots.officeId))
        .where(eq(appointments.id, id));
      if (!row) return null;
      return { ...toAppointment(row.appointments, toSlot(row.appointment_slots, row.offices)), reference: row.cases.reference };
    },

    async ofCase(caseId) {
      if (!isUuid(caseId)) return [];
      const rows = await db
        .select()
        .from(appointments)
        .innerJoin(appointmentSlots, eq(appointmentSlots.id, appointments.slotId))
        .leftJoin(offices, eq(offices.id, appointmentSlots.officeId))
        .where(eq(appointments.caseId, caseId))
        .orderBy(asc(appointmentSlots.startsAt), asc(appointments.createdAt));
      return rows.map((r) => toAppointment(r.appointments, toSlot(r.appointment_slots, r.offices)));
    },

    async offices() {
      const rows = await db.select().from(offices).orderBy(asc(offices.country), asc(offices.name));
      return rows.map(toOffice);
    },

    async saveOffice(id, input, by, at) {
      if (id === null) {
        const [row] = await db.insert(offices).values({ ...input, updatedBy: by, createdAt: at, updatedAt: at }).returning();
        return row ? toOffice(row) : null;
      }
      if (!isUuid(id)) return null;
      const [row] = await db.update(offices).set({ ...input, updatedBy: by, updatedAt: at }).where(eq(offices.id, id)).returning();
      return row ? toOffice(row) : null;
    },
  };
}

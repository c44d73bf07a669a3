/**
 * Appointments end to end on the real app (PGlite, or PostgreSQL with TEST_DATABASE_URL) with a clock
 * the test moves: what staff may publish, two people wanting the same time, attendance, a booking
 * cancelled by staff, and jobs that skip what no longer applies.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AppointmentError } from '../../src/conversation/appointment-workflow.js';
import { CaseWorkflowError } from '../../src/conversation/case-workflow-impl.js';
import type { ContactKey } from '../../src/conversation/ports.js';
import type { Inbound } from '../../src/engine/types.js';
import { NOW, testApp, type TestApp } from '../support/app.js';
import { applicant, COORDINATOR, COUNSELLOR, toldTo } from '../support/after.js';
import { useTestDatabase } from '../support/db.js';

const database = useTestDatabase();
const HOUR = 3_600_000;

async function world(): Promise<{ t: TestApp; clock: { now: Date } }> {
  const clock = { now: new Date(NOW) };
  const t = await testApp(database(), {}, { clock: () => clock.now });
  return { t, clock };
}

function say(t: TestApp, contact: ContactKey, inbound: Inbound) {
  return t.service.handle({ ...contact, updateId: randomUUID(), inbound, ...(inbound.kind === 'text' ? { text: inbound.text } : {}), receivedAt: NOW });
}

const slot = (over: Partial<Parameters<TestApp['appointments']['publish']>[1]> = {}) => ({
  date: '2026-11-25',
  time: '10:00',
  minutes: 45,
  mode: 'phone',
  officeId: null,
  languages: ['en'],
  timeZone: 'Europe/Sarajevo',
  ...over,
});

async function refusedWith(work: Promise<unknown>): Promise<string> {
  try {
    await work;
  } catch (error) {
    if (error instanceof AppointmentError || error instanceof CaseWorkflowError) return error.code;
    throw error;
  }
  return 'accepted';
}

describe('appointments', () => {
  it('publishes a time only when it can be booked: in the future, a known way, an office in person, our languages', async () => {
    const { t } = await world();
    const published = await t.appointments.publish(COUNSELLOR, slot());
    // 10:00 in Sarajevo is 09:00 UTC in November.
    expect(published.startsAt.toISOString()).toBe('2026-11-25T09:00:00.000Z');
    expect(published).toMatchObject({ counsellor: COUNSELLOR.id, counsellorName: COUNSELLOR.name, mode: 'phone', languages: ['en'] });
    expect(await refusedWith(t.appointments.publish(COUNSELLOR, slot({ date: '2026-11-22' })))).toBe('in_the_past');
    expect(await refusedWith(t.appointments.publish(COUNSELLOR, slot({ date: '2026-02-30' })))).toBe('bad_time');
    expect(await refusedWith(t.appointments.publish(COUNSELLOR, slot({ mode: 'carrier_pigeon' })))).toBe('bad_mode');
    expect(await refusedWith(t.appointments.publish(COUNSELLOR, slot({ mode: 'in_person' })))).toBe('office_needed');
    expect(await refusedWith(t.appointments.publish(COUNSELLOR, slot({ languages: ['xx'] })))).toBe('bad_language');
    expect(await refusedWith(t.appointments.publish(COUNSELLOR, slot({ languages: [] })))).toBe('no_language');
    expect(await refusedWith(t.appointments.publish(COUNSELLOR, slot({ minutes: 5 })))).toBe('bad_length');
    expect(await refusedWith(t.appointments.publish(COUNSELLOR, slot({ timeZone: 'Mars/Olympus' })))).toBe('bad_zone');
    // An in-person time takes its office's zone.
    const office = await t.stores.after.appointments.saveOffice(null, { name: 'IOM Kabul desk', address: 'somewhere', country: 'AF', timeZone: 'Asia/Kabul', active: true }, 'test', NOW);
    const kabul = await t.appointments.publish(COUNSELLOR, slot({ mode: 'in_person', officeId: office!.id }));
    expect(kabul.startsAt.toISOString()).toBe('2026-11-25T05:30:00.000Z');
    expect(kabul.timeZone).toBe('Asia/Kabul');
    // The day's list is the local day: the Kabul time (06:30 in Sarajevo) is on the 25th.
    const day = await t.appointments.day('2026-11-25', 'Europe/Sarajevo');
    expect(day.map((s) => s.id)).toEqual(expect.arrayContaining([published.id, kabul.id]));
  });

  it('gives a time to one of two people who press it at once; the other is offered what is left', async () => {
    const { t } = await world();
    const only = await t.appointments.publish(COUNSELLOR, slot({ date: '2026-11-27', languages: ['ar'] }));
    const a = await applicant(t, { language: 'ar' });
    const b = await applicant(t, { language: 'ar' });
    for (const p of [a, b]) {
      const offered = await say(t, p.contact, { kind: 'command', command: 'appointment' });
      expect(offered.messages.at(-1)?.choices.map((c) => c.id)).toEqual(['slot_1']);
    }
    const [first, second] = await Promise.all([a, b].map((p) => say(t, p.contact, { kind: 'choice', id: 'slot_1' })));
    const keys = [first!, second!].map((r) => r.messages.map((m) => m.key));
    expect(keys).toContainEqual(['appointment:booked']);
    expect(keys).toContainEqual(['appointment:taken', 'appointment:none_free']);
    const lines = await t.appointments.day('2026-11-27', 'Europe/Sarajevo');
    expect(lines.find((s) => s.id === only.id)?.booking?.status).toBe('booked');
  });

  it('records attendance once the time has begun, as the case model allows; the jobs of the appointment stop', async () => {
    const { t, clock } = await world();
    const published = await t.appointments.publish(COUNSELLOR, slot({ date: '2026-11-24', time: '12:00' }));
    const p = await applicant(t, { assignee: COUNSELLOR.id });
    await say(t, p.contact, { kind: 'command', command: 'appointment' });
    await say(t, p.contact, { kind: 'choice', id: 'slot_1' });
    const [booked] = await t.stores.after.appointments.ofCase(p.record.id);
    expect(booked?.slot.id).toBe(published.id);
    // Before the time: nothing to record yet.
    expect(await refusedWith(t.appointments.attendance(p.record.reference, booked!.id, false, COUNSELLOR))).toBe('not_booked');
    clock.now = new Date(published.startsAt.getTime() + HOUR);
    // A counsellor who does not hold the case may not; the one who does may.
    const other = { ...COUNSELLOR, id: 'user:other', actorIds: ['user:other'] };
    expect(await refusedWith(t.appointments.attendance(p.record.reference, booked!.id, false, other))).toBe('forbidden');
    await t.appointments.attendance(p.record.reference, booked!.id, false, COUNSELLOR);
    expect(await refusedWith(t.appointments.attendance(p.record.reference, booked!.id, true, COUNSELLOR))).toBe('not_booked');
    const [after] = await t.stores.after.appointments.ofCase(p.record.id);
    expect(after?.status).toBe('no_show');
    const events = await t.stores.cases.events(p.record.id);
    expect(events.map((e) => e.kind)).toEqual(expect.arrayContaining(['appointment_booked', 'appointment_no_show']));
    expect((await t.stores.cases.byId(p.record.id))?.version).toBe(p.record.version + 1);
    const jobs = await t.stores.after.jobs.ofCase(p.record.id);
    expect(jobs.filter((j) => j.finishedAt === null)).toEqual([]);
    // Another person can no longer book that time: it was used.
    expect(await refusedWith(t.appointments.withdraw(COORDINATOR, published.id))).toBe('slot_booked');
  });

  it('tells the person in their language when staff cancel, and the reminders no longer go', async () => {
    const { t, clock } = await world();
    await t.appointments.publish(COUNSELLOR, slot({ date: '2026-11-26', time: '09:30', languages: ['bs'] }));
    const p = await applicant(t, { language: 'bs' });
    await say(t, p.contact, { kind: 'command', command: 'appointment' });
    await say(t, p.contact, { kind: 'choice', id: 'slot_1' });
    const [booked] = await t.stores.after.appointments.ofCase(p.record.id);
    await t.appointments.cancel(p.record.reference, booked!.id, COUNSELLOR);
    expect((await toldTo(t, p.contact)).at(-1)).toContain('je otkazao tim savjetnika');
    clock.now = new Date('2026-11-26T12:00:00Z');
    const before = (await toldTo(t, p.contact)).length;
    await t.scheduler.run();
    expect((await toldTo(t, p.contact)).length).toBe(before);
    // The time is free again for someone else.
    const q = await applicant(t, { language: 'bs' });
    clock.now = new Date(NOW);
    const offered = await say(t, q.contact, { kind: 'command', command: 'appointment' });
    expect(offered.messages.at(-1)?.key).toBe('appointment:pick');
  });

  it('skips a reminder whose case ended meanwhile (withdrawn in the chat)', async () => {
    const { t, clock } = await world();
    await t.appointments.publish(COUNSELLOR, slot({ date: '2026-11-28', time: '11:00', languages: ['en'] }));
    const p = await applicant(t, { language: 'en' });
    await say(t, p.contact, { kind: 'command', command: 'appointment' });
    await say(t, p.contact, { kind: 'choice', id: 'slot_1' });
    await t.workflow.setStatus(p.record.reference, 'withdrawn', COORDINATOR);
    const before = (await toldTo(t, p.contact)).length;
    clock.now = new Date('2026-11-28T09:30:00Z');
    await t.scheduler.run();
    expect((await toldTo(t, p.contact)).length).toBe(before);
    const jobs = await t.stores.after.jobs.ofCase(p.record.id);
    expect(jobs.map((j) => j.outcome)).toEqual(['skipped', 'skipped', 'skipped']);
  });

  it('offers no booking without an open application, and nothing in a language no time covers', async () => {
    const { t } = await world();
    const stranger = { channel: 'web', channelUserId: `none-${randomUUID()}` };
    const none = await say(t, stranger, { kind: 'command', command: 'appointment' });
    expect(none.messages.map((m) => m.key)).toContain('appointment:no_case');
    const p = await applicant(t, { language: 'ps' });
    const free = await say(t, p.contact, { kind: 'command', command: 'appointment' });
    expect(free.messages.map((m) => m.key)).toEqual(['appointment:none_free']);
  });
});

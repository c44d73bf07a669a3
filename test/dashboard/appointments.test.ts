/**
 * The appointments page and the case page's appointments: adding and withdrawing times, offices
 * (coordinators), the day's bookings, recording whether the person came, the `.ics` download.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { NOW, testApp, type TestApp } from '../support/app.js';
import { applicant } from '../support/after.js';
import { useTestDatabase } from '../support/db.js';
import { signIn } from './harness.js';

const database = useTestDatabase();

async function world(): Promise<{ t: TestApp; clock: { now: Date } }> {
  const clock = { now: new Date(NOW) };
  return { t: await testApp(database(), {}, { clock: () => clock.now }), clock };
}

describe('the appointments page', () => {
  it('adds a time from the form, lists the day, keeps offices for coordinators only, and withdraws a free time', async () => {
    const { t } = await world();
    const counsellor = await signIn(t, 'slots@example.org', 'counsellor');
    const empty = await counsellor.get('/admin/appointments?day=2026-11-25');
    expect(empty.status).toBe(200);
    expect(empty.html).toContain('No times on this day.');
    expect(empty.html).toContain('aria-current="page">Appointments');

    const added = await counsellor.post('/admin/appointments', { date: '2026-11-25', time: '10:00', minutes: '30', mode: 'phone', office: '', zone: 'Europe/Sarajevo', languages: 'ar' });
    expect(added.status).toBe(303);
    expect(added.headers.get('location')).toBe('/admin/appointments?day=2026-11-25&done=slot_added');
    const day = await counsellor.get('/admin/appointments?day=2026-11-25&done=slot_added');
    expect(day.html).toContain('Time added.');
    expect(day.html).toContain('<time datetime="2026-11-25T09:00:00.000Z">10:00</time>');
    expect(day.html).toContain('Arabic');

    // In person needs an office; the offices list is the coordinators'.
    const refused = await counsellor.post('/admin/appointments', { date: '2026-11-25', time: '11:00', minutes: '30', mode: 'in_person', office: '', zone: 'Europe/Sarajevo', languages: 'ar' });
    expect(refused.headers.get('location')).toContain('error=appointment_office_needed');
    expect((await counsellor.post('/admin/appointments/offices', { name: 'IOM Bihać', address: 'Bihać', country: 'BA', zone: 'Europe/Sarajevo', active: '1' })).status).toBe(403);
    const coordinator = await signIn(t, 'offices@example.org', 'coordinator');
    await coordinator.get('/admin/appointments');
    const office = await coordinator.post('/admin/appointments/offices', { name: 'IOM Bihać', address: 'Bihać, Bosanska 1', country: 'ba', zone: 'Europe/Sarajevo', active: '1' });
    expect(office.headers.get('location')).toContain('done=office');
    expect((await coordinator.post('/admin/appointments/offices', { name: 'Nowhere', address: 'x', country: 'BA', zone: 'Mars/Olympus' })).headers.get('location')).toContain('error=bad_form');
    const [saved] = await t.stores.after.appointments.offices();
    expect(saved).toMatchObject({ name: 'IOM Bihać', country: 'BA', active: true });

    // Withdrawn by its counsellor; the audit log has both.
    const [line] = await t.appointments.day('2026-11-25', 'Europe/Sarajevo');
    await counsellor.get('/admin/appointments?day=2026-11-25');
    const withdrawn = await counsellor.post(`/admin/appointments/slots/${line!.id}/withdraw`, { back: '2026-11-25' });
    expect(withdrawn.headers.get('location')).toBe('/admin/appointments?day=2026-11-25&done=slot_withdrawn');
    expect(await t.appointments.day('2026-11-25', 'Europe/Sarajevo')).toEqual([]);
    const { rows } = await t.stores.dashboard.audit.list({ offset: 0, limit: 20 });
    expect(rows.map((r) => r.action)).toEqual(expect.arrayContaining(['appointment.slot_add', 'appointment.slot_withdraw', 'appointment.office_add']));
  });

  it('shows a booking on the day and on the case, gives its .ics (reference only), and records that the person did not come', async () => {
    const { t, clock } = await world();
    const coordinator = await signIn(t, 'lead@example.org', 'coordinator');
    const slot = await t.appointments.publish({ id: 'user:x', name: 'x@example.org', role: 'counsellor', protection: false, actorIds: ['user:x'] }, {
      date: '2026-11-23',
      time: '16:00',
      minutes: 45,
      mode: 'video',
      officeId: null,
      languages: ['fa'],
      timeZone: 'Europe/Sarajevo',
    });
    const p = await applicant(t, { language: 'fa' });
    await t.service.handle({ ...p.contact, updateId: randomUUID(), inbound: { kind: 'command', command: 'appointment' }, receivedAt: NOW });
    await t.service.handle({ ...p.contact, updateId: randomUUID(), inbound: { kind: 'choice', id: 'slot_1' }, receivedAt: NOW });
    const [booked] = await t.stores.after.appointments.ofCase(p.record.id);
    expect(booked?.slot.id).toBe(slot.id);

    const day = await coordinator.get('/admin/appointments?day=2026-11-23');
    expect(day.html).toContain(`href="/admin/cases/${p.record.reference}"`);
    expect(day.html).toContain('Cancel booking');

    const ics = await coordinator.get(`/admin/appointments/${booked!.id}/calendar.ics`);
    expect(ics.status).toBe(200);
    expect(ics.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expect(ics.html).toContain('DTSTART:20261123T150000Z\r\nDTEND:20261123T154500Z');
    expect(ics.html).toContain(`SUMMARY:AVRR appointment ${p.record.reference} (Video)`);
    expect(ics.html).toContain(`UID:${booked!.id}@avrr-assistant`);

    // A counsellor who does not hold the case cannot get it.
    const stranger = await signIn(t, 'stranger@example.org', 'counsellor');
    expect((await stranger.get(`/admin/appointments/${booked!.id}/calendar.ics`)).status).toBe(404);

    clock.now = new Date('2026-11-23T15:10:00Z');
    const casePage = await coordinator.get(`/admin/cases/${p.record.reference}`);
    expect(casePage.html).toContain('id="appointments"');
    expect(casePage.html).toContain('Did not come');
    const recorded = await coordinator.post(`/admin/appointments/${booked!.id}/attendance`, { back: 'case', attended: 'no' });
    expect(recorded.headers.get('location')).toBe(`/admin/cases/${p.record.reference}?done=attendance#appointments`);
    const after = await coordinator.get(`/admin/cases/${p.record.reference}?done=attendance`);
    expect(after.html).toContain('did not come');
    expect(after.html).toContain('recorded that the person did not come');
  });
});

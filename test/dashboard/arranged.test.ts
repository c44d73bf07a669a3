/** The case page's documents checklist (and, below, travel): forms that go through the workflows. */
import { describe, expect, it } from 'vitest';
import { testApp } from '../support/app.js';
import { applicant, toldTo } from '../support/after.js';
import { useTestDatabase } from '../support/db.js';
import { signIn } from './harness.js';

const database = useTestDatabase();

describe('the documents card', () => {
  it('saves the checklist: the person is told, the timeline and the audit log show it; others may not', async () => {
    const t = await testApp(database());
    const p = await applicant(t, { language: 'bs' });
    const coordinator = await signIn(t, 'docs@example.org', 'coordinator');
    const page = await coordinator.get(`/admin/cases/${p.record.reference}`);
    expect(page.html).toContain('id="documents"');
    expect(page.html).toContain('No document is on this case');
    expect(page.html).toContain('<label for="doc-parent_consent">Consent of the other parent</label>');

    const saved = await coordinator.post(`/admin/cases/${p.record.reference}/documents`, { travel_document: 'needed', medical_certificate: 'ready', identity_copy: 'none' });
    expect(saved.headers.get('location')).toBe(`/admin/cases/${p.record.reference}?done=documents#documents`);
    const after = await coordinator.get(`/admin/cases/${p.record.reference}?done=documents`);
    expect(after.html).toContain('1 of 2 ready.');
    expect(after.html).toContain('changed the documents checklist: 1 of 2 ready');
    expect((await toldTo(t, p.contact)).at(-1)).toContain('Vaš spisak dokumenata se promijenio: spremno 1 od 2.');
    const { rows } = await t.stores.dashboard.audit.list({ action: 'case.documents', offset: 0, limit: 5 });
    expect(rows[0]).toMatchObject({ target: p.record.reference, data: { items: 'travel_document:needed,medical_certificate:ready' } });

    expect((await coordinator.post(`/admin/cases/${p.record.reference}/documents`, { travel_document: 'lost' })).headers.get('location')).toContain('error=bad_form');
    // A counsellor who does not hold the case cannot open it, so cannot change its list.
    const stranger = await signIn(t, 'notmine@example.org', 'counsellor');
    await stranger.get('/admin');
    expect((await stranger.post(`/admin/cases/${p.record.reference}/documents`, { travel_document: 'ready' })).status).toBe(403);
  });
});

describe('the travel card', () => {
  it('enters the travel of a booked case, shows the person’s answer, and confirms the departure once its time has passed', async () => {
    const clock = { now: new Date('2026-11-23T10:00:00Z') };
    const t = await testApp(database(), {}, { clock: () => clock.now });
    const approved = await applicant(t, { status: 'approved' });
    const coordinator = await signIn(t, 'travel@example.org', 'coordinator');
    expect((await coordinator.get(`/admin/cases/${approved.record.reference}`)).html).toContain('Travel details can be entered once the status is Travel booked.');
    const refused = await coordinator.post(`/admin/cases/${approved.record.reference}/travel`, { date: '2026-11-23', time: '18:00', zone: 'Europe/Sarajevo', meeting_point: 'Airport' });
    expect(refused.headers.get('location')).toContain('error=travel_not_travel_booked');

    const p = await applicant(t, { status: 'travel_booked', language: 'ar' });
    const page = await coordinator.get(`/admin/cases/${p.record.reference}`);
    expect(page.html).toContain('Enter the travel details');
    const saved = await coordinator.post(`/admin/cases/${p.record.reference}/travel`, {
      date: '2026-11-23',
      time: '18:00',
      zone: 'Europe/Sarajevo',
      meeting_point: 'Sarajevo airport, IOM desk',
      escort: 'Amina',
      bring: 'medicines',
    });
    expect(saved.headers.get('location')).toBe(`/admin/cases/${p.record.reference}?done=travel#travel`);
    const after = await coordinator.get(`/admin/cases/${p.record.reference}?done=travel`);
    expect(after.html).toContain('<time datetime="2026-11-23T17:00:00.000Z">2026-11-23 18:00</time> (Europe/Sarajevo)');
    expect(after.html).toContain('your medicines');
    expect(after.html).toContain('no answer yet');
    expect((await toldTo(t, p.contact)).at(-1)).toContain('Sarajevo airport, IOM desk');
    expect(after.html).not.toContain('Confirm departure');

    clock.now = new Date('2026-11-23T17:30:00Z');
    const ready = await coordinator.get(`/admin/cases/${p.record.reference}`);
    expect(ready.html).toContain('Confirm departure (status Departed)');
    const departed = await coordinator.post(`/admin/cases/${p.record.reference}/departed`);
    expect(departed.headers.get('location')).toBe(`/admin/cases/${p.record.reference}?done=departed#travel`);
    expect((await t.stores.cases.byId(p.record.id))?.status).toBe('departed');
    const { rows } = await t.stores.dashboard.audit.list({ target: p.record.reference, offset: 0, limit: 10 });
    expect(rows.map((r) => r.action)).toEqual(expect.arrayContaining(['case.travel', 'case.departed']));
  });
});

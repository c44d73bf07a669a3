/** The follow-up statistics page (coordinators): counts by country and months since return, no names. */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { NOW, testApp } from '../support/app.js';
import { applicant, COUNSELLOR } from '../support/after.js';
import { useTestDatabase } from '../support/db.js';
import { signIn } from './harness.js';

const database = useTestDatabase();

describe('the follow-up page', () => {
  it('shows how many answered and how many report each problem, by country and time since return; counsellors may not see it', async () => {
    const clock = { now: new Date(NOW) };
    const t = await testApp(database(), {}, { clock: () => clock.now });
    const p = await applicant(t, { status: 'travel_booked', returnCountry: 'PK' });
    const say = (inbound: Parameters<typeof t.service.handle>[0]['inbound']) => t.service.handle({ ...p.contact, updateId: randomUUID(), inbound, receivedAt: NOW });
    await t.travel.plan(p.record.reference, { date: '2026-11-24', time: '10:00', timeZone: 'Europe/Sarajevo', meetingPoint: 'Airport', escort: '', bring: [] }, COUNSELLOR);
    await say({ kind: 'command', command: 'travel' });
    await say({ kind: 'choice', id: 'there' });
    await say({ kind: 'choice', id: 'followup_yes' });
    clock.now = new Date('2026-11-24T12:00:00Z');
    await t.travel.confirmDeparture(p.record.reference, COUNSELLOR);
    clock.now = new Date('2026-12-24T09:00:00Z');
    await t.scheduler.run();
    await say({ kind: 'command', command: 'followup' });
    await say({ kind: 'choice', id: 'problem' });

    const counsellor = await signIn(t, 'fu-counsellor@example.org', 'counsellor');
    expect((await counsellor.get('/admin/followup')).status).toBe(403);
    const coordinator = await signIn(t, 'fu-lead@example.org', 'coordinator');
    const page = await coordinator.get('/admin/followup');
    expect(page.status).toBe(200);
    expect(page.html).toContain('aria-current="page">Follow-up');
    expect(page.html).toContain('Pakistan (PK)');
    expect(page.html).toMatch(/<td>Month 1<\/td><td class="num">1<\/td><td class="num">1<\/td><td class="num">1 \/ 1<\/td>/);
    expect(page.html).not.toContain(p.record.reference);

    // The case page shows the check-in and its answers.
    const casePage = await coordinator.get(`/admin/cases/${p.record.reference}`);
    expect(casePage.html).toContain('id="followup"');
    expect(casePage.html).toContain('Month 1 · answered');
    expect(casePage.html).toMatch(/<dt>Housing<\/dt><dd>problem<\/dd>/);
  });
});

/**
 * Follow-up after return: it starts only with the consent given before departure, counted from the
 * departure; two check-ins in a row without an answer stop it; asking for urgent help opens an
 * urgent protection case; erasing one's data stops it; statistics are counts without names.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { ContactKey } from '../../src/conversation/ports.js';
import type { Inbound } from '../../src/engine/types.js';
import { NOW, testApp, type TestApp } from '../support/app.js';
import { applicant, COUNSELLOR, toldTo, type Applicant } from '../support/after.js';
import { useTestDatabase } from '../support/db.js';

const database = useTestDatabase();

async function world(): Promise<{ t: TestApp; clock: { now: Date } }> {
  const clock = { now: new Date(NOW) };
  return { t: await testApp(database(), {}, { clock: () => clock.now }), clock };
}

function say(t: TestApp, contact: ContactKey, inbound: Inbound) {
  return t.service.handle({ ...contact, updateId: randomUUID(), inbound, receivedAt: NOW });
}

/** Travel on the 25th at 10:00 in Sarajevo; the person will be there and answers the follow-up question; the case departs. */
async function departed(t: TestApp, clock: { now: Date }, consent: 'followup_yes' | 'followup_no', options: { returnCountry?: string } = {}): Promise<Applicant> {
  const p = await applicant(t, { status: 'travel_booked', ...options });
  await t.travel.plan(p.record.reference, { date: '2026-11-25', time: '10:00', timeZone: 'Europe/Sarajevo', meetingPoint: 'Airport', escort: '', bring: [] }, COUNSELLOR);
  await say(t, p.contact, { kind: 'command', command: 'travel' });
  await say(t, p.contact, { kind: 'choice', id: 'there' });
  await say(t, p.contact, { kind: 'choice', id: consent });
  clock.now = new Date('2026-11-25T12:00:00Z');
  await t.travel.confirmDeparture(p.record.reference, COUNSELLOR);
  return p;
}

async function at(t: TestApp, clock: { now: Date }, iso: string): Promise<void> {
  clock.now = new Date(iso);
  await t.scheduler.run();
}

describe('follow-up after return', () => {
  it('starts at departure only for someone who agreed, with check-ins 1, 3, 6 and 12 months after the departure', async () => {
    const { t, clock } = await world();
    const agreed = await departed(t, clock, 'followup_yes');
    const jobs = (await t.stores.after.jobs.ofCase(agreed.record.id)).filter((j) => j.kind === 'followup.checkin');
    expect(jobs.map((j) => j.dueAt.toISOString())).toEqual(['2026-12-25T09:00:00.000Z', '2027-02-25T09:00:00.000Z', '2027-05-25T09:00:00.000Z', '2027-11-25T09:00:00.000Z']);
    expect((await t.stores.after.followup.ofCase(agreed.record.id)).followup).toMatchObject({ status: 'active', departedAt: new Date('2026-11-25T09:00:00Z') });

    clock.now = new Date(NOW);
    const declined = await departed(t, clock, 'followup_no');
    expect((await t.stores.after.followup.ofCase(declined.record.id)).followup?.status).toBe('declined');
    expect((await t.stores.after.jobs.ofCase(declined.record.id)).filter((j) => j.kind === 'followup.checkin')).toEqual([]);
  });

  it('stops after two check-ins in a row go unanswered, and sends no more', async () => {
    const { t, clock } = await world();
    const p = await departed(t, clock, 'followup_yes');
    await at(t, clock, '2026-12-25T09:00:00Z');
    expect((await toldTo(t, p.contact)).at(-1)).toContain('It is one month since you returned');
    await at(t, clock, '2027-01-15T09:00:00Z');
    expect((await t.stores.after.followup.ofCase(p.record.id)).followup?.misses).toBe(1);
    await at(t, clock, '2027-02-25T09:00:00Z');
    await at(t, clock, '2027-03-18T09:00:00Z');
    const after = await t.stores.after.followup.ofCase(p.record.id);
    expect(after.followup).toMatchObject({ status: 'stopped_unanswered', misses: 2 });
    expect(after.checkins.map((c) => [c.month, c.status])).toEqual([
      [1, 'unanswered'],
      [3, 'unanswered'],
    ]);
    const told = (await toldTo(t, p.contact)).length;
    await at(t, clock, '2027-12-01T09:00:00Z');
    expect((await toldTo(t, p.contact)).length).toBe(told);
    expect((await t.stores.cases.events(p.record.id)).map((e) => e.kind)).toContain('followup_stopped');
  });

  it('an answer resets the count; asking for urgent help opens an urgent case in the protection queue at once', async () => {
    const { t, clock } = await world();
    const p = await departed(t, clock, 'followup_yes', { returnCountry: 'AF' });
    await at(t, clock, '2026-12-25T09:00:00Z');
    await at(t, clock, '2027-01-15T09:00:00Z');
    await at(t, clock, '2027-02-25T09:00:00Z');
    await say(t, p.contact, { kind: 'command', command: 'followup' });
    for (const id of ['problem', 'skip', 'ok', 'problem', 'problem', 'partly']) await say(t, p.contact, { kind: 'choice', id });
    const last = await say(t, p.contact, { kind: 'choice', id: 'yes' });
    expect(last.messages.map((m) => m.key)).toEqual(['followup:urgent_done']);
    const { followup, checkins } = await t.stores.after.followup.ofCase(p.record.id);
    expect(followup?.misses).toBe(0);
    expect(checkins.find((c) => c.month === 3)).toMatchObject({
      status: 'answered',
      urgent: true,
      answers: { housing: 'problem', income: 'skipped', health: 'ok', school: 'problem', safety: 'problem', help: 'partly', urgent: 'yes' },
    });
    const urgentEvent = (await t.stores.cases.events(p.record.id)).find((e) => e.kind === 'followup_urgent');
    const protection = await t.stores.cases.byReference(String(urgentEvent?.data['case']));
    expect(protection).toMatchObject({ kind: 'protection', queue: 'protection', urgent: true, status: 'submitted', returnCountry: 'AF' });

    // Counts without names: by country of return and months since return.
    const stats = await t.stores.after.followup.stats();
    const af3 = stats.find((r) => r.country === 'AF' && r.month === 3);
    expect(af3).toMatchObject({ sent: 1, answered: 1 });
    expect(af3?.questions.housing).toEqual({ answered: 1, problems: 1 });
    expect(af3?.questions.income).toEqual({ answered: 0, problems: 0 });
    expect(af3?.questions.help).toEqual({ answered: 1, problems: 1 });
    expect(JSON.stringify(stats)).not.toContain(p.record.reference);
  });

  it('stops when the person erases their data: no check-in after it', async () => {
    const { t, clock } = await world();
    const p = await departed(t, clock, 'followup_yes');
    await say(t, p.contact, { kind: 'command', command: 'delete' });
    const confirm = await say(t, p.contact, { kind: 'choice', id: 'erase' });
    expect(confirm.messages.length).toBeGreaterThan(0);
    expect((await t.stores.after.followup.ofCase(p.record.id)).followup?.status).toBe('stopped');
    await at(t, clock, '2026-12-25T09:00:00Z');
    expect((await t.stores.after.followup.ofCase(p.record.id)).checkins).toEqual([]);
  });
});

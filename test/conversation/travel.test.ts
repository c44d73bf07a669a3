/**
 * The travel day: details only for a booked travel, reminders planned from the local time and planned
 * anew when the details change, a departure confirmed only after its time, details encrypted at rest.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { CaseWorkflowError } from '../../src/conversation/case-workflow-impl.js';
import { TravelError } from '../../src/conversation/travel-workflow.js';
import { NOW, testApp, type TestApp } from '../support/app.js';
import { applicant, COUNSELLOR, toldTo } from '../support/after.js';
import { useTestDatabase } from '../support/db.js';

const database = useTestDatabase();

const input = (over: Partial<Parameters<TestApp['travel']['plan']>[1]> = {}) => ({
  date: '2026-12-10',
  time: '09:30',
  timeZone: 'Europe/Sarajevo',
  meetingPoint: 'Bus station Sarajevo, platform 3',
  escort: 'Emir',
  bring: ['travel_document', 'not_a_thing'],
  ...over,
});

async function refused(work: Promise<unknown>): Promise<string> {
  try {
    await work;
  } catch (error) {
    if (error instanceof TravelError || error instanceof CaseWorkflowError) return error.code;
    throw error;
  }
  return 'accepted';
}

describe('the travel day', () => {
  it('takes details only for a booked travel, in the future, from the counsellor who holds the case', async () => {
    const t = await testApp(database());
    const approved = await applicant(t, { status: 'approved' });
    expect(await refused(t.travel.plan(approved.record.reference, input(), COUNSELLOR))).toBe('not_travel_booked');
    const p = await applicant(t, { status: 'travel_booked' });
    expect(await refused(t.travel.plan(p.record.reference, input({ date: '2026-11-01' }), COUNSELLOR))).toBe('in_the_past');
    expect(await refused(t.travel.plan(p.record.reference, input({ timeZone: 'Nowhere/City' }), COUNSELLOR))).toBe('bad_zone');
    expect(await refused(t.travel.plan(p.record.reference, input({ meetingPoint: '  ' }), COUNSELLOR))).toBe('no_meeting_point');
    const stranger = { ...COUNSELLOR, id: 'user:stranger', actorIds: ['user:stranger'] };
    expect(await refused(t.travel.plan(p.record.reference, input(), stranger))).toBe('forbidden');

    const plan = await t.travel.plan(p.record.reference, input(), COUNSELLOR);
    // 09:30 in Sarajevo in December is 08:30 UTC; unknown items to bring are dropped.
    expect(plan).toMatchObject({ departsAt: new Date('2026-12-10T08:30:00Z'), bring: ['travel_document'], escort: 'Emir' });
    expect((await toldTo(t, p.contact)).at(-1)).toContain('Meeting point: Bus station Sarajevo, platform 3');
    // The meeting point and the escort are encrypted at rest.
    const raw = JSON.stringify(await database().db.execute(sql`select * from travel_plans`));
    expect(raw).not.toContain('platform 3');
    expect(raw).not.toContain('Emir');
  });

  it('plans the reminders at 10:00 three days and one day before and 07:00 on the day, and plans them anew when the details change', async () => {
    const clock = { now: new Date(NOW) };
    const t = await testApp(database(), {}, { clock: () => clock.now });
    const p = await applicant(t, { status: 'travel_booked' });
    await t.travel.plan(p.record.reference, input(), COUNSELLOR);
    const due = async () =>
      Object.fromEntries((await t.stores.after.jobs.ofCase(p.record.id)).filter((j) => j.finishedAt === null).map((j) => [j.key.split(':').pop(), j.dueAt.toISOString()]));
    expect(await due()).toEqual({
      three_days: '2026-12-07T09:00:00.000Z',
      day_before: '2026-12-09T09:00:00.000Z',
      morning: '2026-12-10T06:00:00.000Z',
      departure_due: '2026-12-10T11:30:00.000Z',
    });
    // Earlier, at 08:00: three days before has passed already, and 07:00 is too close to leaving.
    clock.now = new Date('2026-11-24T12:00:00Z');
    await t.travel.plan(p.record.reference, input({ date: '2026-11-26', time: '08:00' }), COUNSELLOR);
    expect(await due()).toEqual({ day_before: '2026-11-25T09:00:00.000Z', departure_due: '2026-11-26T10:00:00.000Z' });
    // The person answered the old plan: a new plan needs a new answer.
    await t.service.handle({ ...p.contact, updateId: randomUUID(), inbound: { kind: 'command', command: 'travel' }, receivedAt: NOW });
    await t.service.handle({ ...p.contact, updateId: randomUUID(), inbound: { kind: 'choice', id: 'there' }, receivedAt: NOW });
    expect((await t.stores.after.travel.ofCase(p.record.id))?.confirmedAt).not.toBeNull();
    await t.travel.plan(p.record.reference, input({ date: '2026-11-27', time: '08:00' }), COUNSELLOR);
    expect((await t.stores.after.travel.ofCase(p.record.id))?.confirmedAt).toBeNull();
  });

  it('confirms the departure only once its time has passed; the case is departed and the person told', async () => {
    const clock = { now: new Date(NOW) };
    const t = await testApp(database(), {}, { clock: () => clock.now });
    const p = await applicant(t, { status: 'travel_booked', language: 'bs' });
    expect(await refused(t.travel.confirmDeparture(p.record.reference, COUNSELLOR))).toBe('no_plan');
    await t.travel.plan(p.record.reference, input({ date: '2026-11-25', time: '12:00' }), COUNSELLOR);
    expect(await refused(t.travel.confirmDeparture(p.record.reference, COUNSELLOR))).toBe('not_yet');
    clock.now = new Date('2026-11-25T14:00:00Z');
    // The departure-time job for staff; the reminders before it are long past, so they skip.
    await t.scheduler.run();
    const jobs = await t.stores.after.jobs.ofCase(p.record.id);
    expect(jobs.find((j) => j.key.endsWith(':departure_due'))?.outcome).toBe('done');
    await t.travel.confirmDeparture(p.record.reference, COUNSELLOR);
    expect((await t.stores.cases.byId(p.record.id))?.status).toBe('departed');
    expect((await toldTo(t, p.contact)).at(-1)).toBe((await t.translator.t('bs', 'case_notice:status.departed', { case_reference: p.record.reference })).replace(/<[^>]+>/g, ''));
    expect(await refused(t.travel.confirmDeparture(p.record.reference, COUNSELLOR))).toBe('not_travel_booked');
  });
});

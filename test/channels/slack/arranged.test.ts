/**
 * What is arranged, in Slack: `/avrr slots` publishes, lists and withdraws times; a booking shows on
 * the case's card and in its thread; when the time is over the thread asks whether the person came;
 * the documents checklist's progress is on the card.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { hashToken } from '../../../src/channels/web/token.js';
import { applicant } from '../../support/after.js';
import { useTestDatabase } from '../../support/db.js';
import { commandRequest, FakeSlack, type SlackMessage } from '../../support/fake-slack/index.js';
import { newChatToken } from '../web/api-client.js';
import { cardOf, slackHarness, WebMigrant, type Harness } from './harness.js';

const database = useTestDatabase();
let fake: FakeSlack;
beforeAll(async () => {
  fake = await FakeSlack.start();
});
afterAll(async () => {
  await fake.stop();
});
afterEach(() => {
  expect(fake.violations).toEqual([]);
});

const COUNSELLOR = 'UCOUNS1';
const OTHER = 'UOTHER2';

async function ask(h: Harness, text: string, user = COUNSELLOR): Promise<string> {
  const res = await h.slack(commandRequest(user, '/avrr', text, h.now()));
  expect(res.status).toBe(200);
  await h.settle();
  return ((await res.json()) as { text: string }).text;
}

const threadTexts = (card: SlackMessage): string[] => fake.thread(card.channel, card.ts).map((m) => m.text);

describe('/avrr slots', () => {
  it('adds a time, lists it with its short id, refuses what cannot be booked, and removes a free one', async () => {
    const h = await slackHarness(database(), fake);
    expect(await ask(h, 'slots')).toContain('No times in the next 7 days');
    const added = await ask(h, 'slots add 2026-11-25 10:00 phone en,ar minutes=30');
    expect(added).toMatch(/^Added: <!date\^\d+\^\{date_short_pretty\} \{time\}\|2026-11-25T09:00:00.000Z> · phone · en, ar \(`[0-9a-f]{8}`\)/);
    const id = /`([0-9a-f]{8})`/.exec(added)?.[1] ?? '';
    expect(await ask(h, 'slots')).toContain(`\`${id}\``);
    expect(await ask(h, 'slots add 2026-11-20 10:00 phone en')).toBe('That time has passed.');
    expect(await ask(h, 'slots add 2026-11-25 10:00 in_person en')).toContain('An in-person time needs an office');
    expect(await ask(h, 'slots add 2026-11-25 10:00 phone xx')).toContain('One of the languages is not one of ours');
    expect(await ask(h, 'slots add 2026-11-25')).toContain('Usage: /avrr slots');
    // An id that is no upcoming time is reported.
    expect(await ask(h, 'slots remove deadbeef', OTHER)).toContain('There is no upcoming time');
    expect(await ask(h, `slots remove ${id}`)).toBe(`Removed the time \`${id}\`.`);
    expect(await ask(h, 'slots')).not.toContain(id);
  });
});

describe('a booking on the card', () => {
  it('shows the appointment on the card and in the thread, and asks whether the person came once it is over', async () => {
    const h = await slackHarness(database(), fake);
    await ask(h, 'slots add 2026-11-26 15:00 video en');
    // A person with an application in the web chat; a counsellor claims the case (the card is posted).
    const migrant = new WebMigrant(h);
    migrant.token = await newChatToken(h.built.app);
    const { record } = await applicant(h, { contact: { channel: 'web', channelUserId: await hashToken(migrant.token) }, assignee: null });
    await h.built.workflow.claim(record.reference, { id: `slack:${COUNSELLOR}`, name: '@couns', role: 'coordinator', protection: true, actorIds: [`slack:${COUNSELLOR}`] });
    await h.settle();

    await migrant.send({ text: '/appointment' });
    const booked = await migrant.send({ choice: 'slot_1' });
    expect(booked.map((m) => m.key)).toEqual(['appointment:booked']);
    await h.settle();
    const card = cardOf(fake, record.reference);
    expect(JSON.stringify(card.blocks)).toContain('📅 *Appointment*: <!date^');
    expect(JSON.stringify(card.blocks)).toContain('· video');
    expect(threadTexts(card).at(-1)).toMatch(/^📅 The person booked an appointment: <!date\^\d+\^[^>]+>, video\.$/);

    // Over (15:00 in Sarajevo is 14:00 UTC, 45 minutes, then a quarter of an hour).
    h.advance(Date.parse('2026-11-26T15:01:00Z') - h.now().getTime());
    await h.built.scheduler.run();
    await h.settle();
    expect(threadTexts(card).at(-1)).toContain('is over. Did the person come?');
  });
});

describe('the documents checklist on the card', () => {
  it('shows the progress on the card and notes each change in the thread', async () => {
    const h = await slackHarness(database(), fake);
    const { record } = await applicant(h, { assignee: null });
    const staff = { id: `slack:${COUNSELLOR}`, name: '@couns', role: 'coordinator' as const, protection: true, actorIds: [`slack:${COUNSELLOR}`] };
    await h.built.workflow.claim(record.reference, staff);
    await h.settle();
    await h.built.documents.save(record.reference, [{ item: 'travel_document', status: 'ready' }, { item: 'medical_certificate', status: 'needed' }], staff);
    await h.settle();
    const card = cardOf(fake, record.reference);
    expect(JSON.stringify(card.blocks)).toContain('📄 *Documents*: 1 of 2 ready');
    expect(threadTexts(card).at(-1)).toBe(`📄 <@${COUNSELLOR}> updated the documents checklist: 1 of 2 ready. The person was told.`);
  });
});

describe('the travel on the card', () => {
  it('alerts the channel at once when the person reports a problem, and shows it on the card', async () => {
    const h = await slackHarness(database(), fake);
    const migrant = new WebMigrant(h);
    migrant.token = await newChatToken(h.built.app);
    const { record } = await applicant(h, { contact: { channel: 'web', channelUserId: await hashToken(migrant.token) }, status: 'travel_booked', assignee: null });
    const staff = { id: `slack:${COUNSELLOR}`, name: '@couns', role: 'coordinator' as const, protection: true, actorIds: [`slack:${COUNSELLOR}`] };
    await h.built.workflow.claim(record.reference, staff);
    await h.built.travel.plan(record.reference, { date: '2026-11-28', time: '09:00', timeZone: 'Europe/Sarajevo', meetingPoint: 'Airport', escort: '', bring: [] }, staff);
    await h.settle();
    const card = cardOf(fake, record.reference);
    expect(threadTexts(card).at(-1)).toContain(`✈️ <@${COUNSELLOR}> entered the travel: <!date^`);
    expect(JSON.stringify(card.blocks)).toContain('· no answer yet');

    await migrant.send({ text: '/travel' });
    await migrant.send({ choice: 'problem' });
    await migrant.send({ choice: 'health' });
    await h.settle();
    expect(threadTexts(card).at(-1)).toMatch(/^🚨 <!here> The person reports a problem with the travel of <!date\^\d+\^[^>]+>: \*health\*\. Contact them now\.$/);
    expect(JSON.stringify(cardOf(fake, record.reference).blocks)).toContain('PROBLEM: health');
  });
});

describe('the follow-up in the thread', () => {
  it('alerts the channel when a check-in asks for urgent help, and posts the new protection case', async () => {
    const h = await slackHarness(database(), fake);
    const migrant = new WebMigrant(h);
    migrant.token = await newChatToken(h.built.app);
    const { record } = await applicant(h, { contact: { channel: 'web', channelUserId: await hashToken(migrant.token) }, status: 'travel_booked', assignee: null });
    const staff = { id: `slack:${COUNSELLOR}`, name: '@couns', role: 'coordinator' as const, protection: true, actorIds: [`slack:${COUNSELLOR}`] };
    await h.built.workflow.claim(record.reference, staff);
    await h.built.travel.plan(record.reference, { date: '2026-11-24', time: '10:00', timeZone: 'Europe/Sarajevo', meetingPoint: 'Airport', escort: '', bring: [] }, staff);
    await migrant.send({ text: '/travel' });
    await migrant.send({ choice: 'there' });
    await migrant.send({ choice: 'followup_yes' });
    h.advance(Date.parse('2026-11-24T12:00:00Z') - h.now().getTime());
    await h.built.travel.confirmDeparture(record.reference, staff);
    h.advance(Date.parse('2026-12-24T09:00:00Z') - h.now().getTime());
    await h.built.scheduler.run();
    await h.settle();
    await migrant.send({ text: '/followup' });
    for (const choice of ['ok', 'ok', 'problem', 'skip', 'ok', 'arrived', 'yes']) await migrant.send({ choice });
    await h.settle();
    const card = cardOf(fake, record.reference);
    expect(threadTexts(card).at(-1)).toMatch(/^🚨 <!here> In the 1-month check-in the person asked for urgent help: protection case AVR-\d{4}-\d{6} is open\. Problems reported: health\.$/);
    const reference = /protection case (AVR-\d{4}-\d{6})/.exec(threadTexts(card).at(-1) ?? '')?.[1] ?? '';
    expect(JSON.stringify(cardOf(fake, reference).blocks)).toContain('URGENT');
  });
});

/**
 * Only the right people act on a case from Slack (the security review's H1 and L4): Slack users act
 * only as the dashboard users they are linked to, by the same rules as the dashboard; only in the
 * handoff channel of the configured workspace; canned replies take typed values; a replayed signed
 * request does nothing twice. Each test fails if its protection is removed.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../support/db.js';
import { actionRequest, commandRequest, FakeSlack, HANDOFF_CHANNEL, type SlackMessage } from '../../support/fake-slack/index.js';
import { actionBlockId, cardOf, slackHarness, WebMigrant, type Harness } from './harness.js';

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
const PROTECTION = 'UCOUNS9';
const COORDINATOR = 'UCOORD1';
const STRANGER = 'USTRANGE';

const referenceOf = (card: SlackMessage): string => String(card.metadata?.event_payload['reference']);
const newestCard = (): SlackMessage => {
  const card = fake.topLevel(HANDOFF_CHANNEL).filter((m) => m.metadata?.event_type === 'avrr_case').at(-1);
  if (!card) throw new Error('no card');
  return card;
};

async function newCase(h: Harness): Promise<{ migrant: WebMigrant; card: SlackMessage; reference: string }> {
  const migrant = new WebMigrant(h);
  await migrant.askForCounsellor('en');
  await h.settle();
  const card = newestCard();
  return { migrant, card, reference: referenceOf(card) };
}

async function act(h: Harness, user: string, card: SlackMessage, action: { action_id: string; value?: string; selected?: string }, where: { channel: string; ts: string } = card) {
  const reference = referenceOf(card);
  const res = await h.slack(actionRequest(user, { block_id: actionBlockId(reference), value: reference, ...action }, where, h.now()));
  await h.settle();
  return res;
}

const statusOf = async (h: Harness, reference: string) => (await h.stores.cases.byReference(reference))?.status;
const assigneeOf = async (h: Harness, reference: string) => (await h.stores.cases.byReference(reference))?.assignee;
const lastEphemeral = () => fake.ephemeral.at(-1);

describe('Slack acts only for known, allowed people', () => {
  it('a workspace member who is not a dashboard user can do nothing and is told so', async () => {
    const h = await slackHarness(database(), fake);
    const { card, reference, migrant } = await newCase(h);
    await act(h, STRANGER, card, { action_id: 'case.claim' });
    expect(await assigneeOf(h, reference)).toBeNull();
    expect(lastEphemeral()).toMatchObject({ user: STRANGER, text: expect.stringContaining('not linked to a dashboard user') });
    const res = await h.slack(commandRequest(STRANGER, '/avrr', `case ${reference}`, h.now()));
    expect(await res.json()).toMatchObject({ response_type: 'ephemeral', text: expect.stringContaining('not linked') });
    expect(await migrant.lastOut()).not.toContain('A counsellor is now with you');
  });

  it('a guest whose e-mail matches a user is not linked; a full member is, once, and it is audit-logged', async () => {
    const h = await slackHarness(database(), fake);
    await h.stores.dashboard.auth.upsertUser({ email: 'amina@example.org', role: 'counsellor' }, h.now());
    const { card, reference } = await newCase(h);
    fake.emails.set('UGUEST1', 'amina@example.org');
    fake.guests.add('UGUEST1');
    await act(h, 'UGUEST1', card, { action_id: 'case.claim' });
    expect(await assigneeOf(h, reference)).toBeNull();
    fake.emails.set('UAMINA1', 'amina@example.org');
    await act(h, 'UAMINA1', card, { action_id: 'case.claim' });
    expect(await assigneeOf(h, reference)).toBe('slack:UAMINA1');
    expect((await h.stores.dashboard.auth.userByEmail('amina@example.org'))?.slackUserId).toBe('UAMINA1');
    const audit = await h.stores.dashboard.audit.list({ action: 'user.link_slack', offset: 0, limit: 10 });
    expect(audit.rows.map((r) => r.target)).toHaveLength(1);
  });

  it('status, close and canned replies need the assignee or a coordinator', async () => {
    const h = await slackHarness(database(), fake);
    const { card, reference, migrant } = await newCase(h);
    await act(h, COUNSELLOR, card, { action_id: 'case.claim' });
    const told = await migrant.lastOut();
    await act(h, OTHER, card, { action_id: 'case.set_status', selected: 'approved' });
    expect(await statusOf(h, reference)).toBe('submitted');
    expect(lastEphemeral()).toMatchObject({ user: OTHER, text: 'You are not allowed to do that on this case.' });
    await act(h, OTHER, card, { action_id: 'case.close' });
    expect(await statusOf(h, reference)).toBe('submitted');
    const res = await h.slack(commandRequest(OTHER, '/avrr', `template bring_id ${reference}`, h.now()));
    expect(await res.json()).toMatchObject({ text: 'You are not allowed to do that on this case.' });
    expect(await migrant.lastOut()).toBe(told);
    // A coordinator may.
    await act(h, COORDINATOR, card, { action_id: 'case.set_status', selected: 'in_review' });
    expect(await statusOf(h, reference)).toBe('in_review');
  });

  it('reopening a closed case needs a coordinator', async () => {
    const h = await slackHarness(database(), fake);
    const { card, reference } = await newCase(h);
    await act(h, COUNSELLOR, card, { action_id: 'case.claim' });
    await act(h, COUNSELLOR, card, { action_id: 'case.close' });
    expect(await statusOf(h, reference)).toBe('closed');
    await act(h, COUNSELLOR, cardOf(fake, reference), { action_id: 'case.set_status', selected: 'in_review' });
    expect(await statusOf(h, reference)).toBe('closed');
    await act(h, COORDINATOR, cardOf(fake, reference), { action_id: 'case.set_status', selected: 'in_review' });
    expect(await statusOf(h, reference)).toBe('in_review');
  });

  it('protection cases are claimed only by staff marked for protection work, or coordinators', async () => {
    const h = await slackHarness(database(), fake);
    const migrant = new WebMigrant(h);
    for (const step of [{ text: 'hi' }, { choice: 'en' }, { choice: 'agree' }, { choice: 'intake' }, { choice: 'migrant' }, { text: 'yes' }]) await migrant.send(step);
    await h.settle();
    const card = newestCard();
    const reference = referenceOf(card);
    expect((await h.stores.cases.byReference(reference))?.queue).toBe('protection');
    await act(h, COUNSELLOR, card, { action_id: 'case.claim' });
    expect(await assigneeOf(h, reference)).toBeNull();
    expect(lastEphemeral()?.text).toContain('Protection cases are picked up by staff marked for protection work');
    await act(h, PROTECTION, card, { action_id: 'case.claim' });
    expect(await assigneeOf(h, reference)).toBe(`slack:${PROTECTION}`);
  });

  it('acts only in the handoff channel, and ignores another workspace', async () => {
    const h = await slackHarness(database(), fake);
    const { card, reference } = await newCase(h);
    await act(h, COUNSELLOR, card, { action_id: 'case.claim' }, { channel: 'COTHER', ts: card.ts });
    expect(await assigneeOf(h, reference)).toBeNull();
    expect(lastEphemeral()).toMatchObject({ channel: 'COTHER', text: expect.stringContaining('only in') });
    const foreign = await slackHarness(database(), fake, { SLACK_TEAM_ID: 'T9OTHER' });
    const before = fake.ephemeral.length;
    await act(foreign, COUNSELLOR, card, { action_id: 'case.claim' });
    expect(await assigneeOf(h, reference)).toBeNull();
    expect(fake.ephemeral.length).toBe(before);
  });

  it('/avrr case answers only people allowed to see that case', async () => {
    const h = await slackHarness(database(), fake);
    const { card, reference } = await newCase(h);
    await act(h, COUNSELLOR, card, { action_id: 'case.claim' });
    const asOther = await (await h.slack(commandRequest(OTHER, '/avrr', `case ${reference}`, h.now()))).json();
    expect(asOther).toMatchObject({ text: expect.stringContaining('There is no case') });
    expect(JSON.stringify(asOther)).not.toContain('case.close');
    const asHolder = await (await h.slack(commandRequest(COUNSELLOR, '/avrr', `case ${reference}`, h.now()))).json();
    expect(JSON.stringify(asHolder)).toContain(reference);
    const asCoordinator = await (await h.slack(commandRequest(COORDINATOR, '/avrr', `case ${reference}`, h.now()))).json();
    expect(JSON.stringify(asCoordinator)).toContain('case.set_status');
  });
});

describe('canned replies take typed values, never free text', () => {
  it('refuses a place that is not on the coordinators’ list, and a date that is not a date', async () => {
    const h = await slackHarness(database(), fake);
    await h.stores.dashboard.lists.saveService(
      null,
      { country: 'BA', municipality: 'Sarajevo', name: 'IOM office Sarajevo', topic: 'other', what: 'counselling', contact: 'Zmaja od Bosne 11', verified: true },
      'test',
      h.now(),
    );
    const { card, reference, migrant } = await newCase(h);
    await act(h, COUNSELLOR, card, { action_id: 'case.claim' });
    const told = await migrant.lastOut();
    const lure = await h.slack(commandRequest(COUNSELLOR, '/avrr', `template appointment ${reference} date=2026-12-24 place="Parking lot behind the bus station, come alone"`, h.now()));
    expect(await lure.json()).toMatchObject({ text: expect.stringContaining('place is not valid') });
    const badDate = await h.slack(commandRequest(COUNSELLOR, '/avrr', `template appointment ${reference} date=tomorrow place="IOM office Sarajevo"`, h.now()));
    expect(await badDate.json()).toMatchObject({ text: expect.stringContaining('date is not valid') });
    expect(await migrant.lastOut()).toBe(told);
    const good = await h.slack(commandRequest(COUNSELLOR, '/avrr', `template appointment ${reference} date=2026-12-24 place="iom office sarajevo"`, h.now()));
    expect(await good.json()).toMatchObject({ text: expect.stringContaining('Sent appointment') });
    await h.settle();
    expect(await migrant.lastOut()).toContain('IOM office Sarajevo');
  });
});

describe('a signed request replayed inside the five-minute window', () => {
  it('does nothing the second time', async () => {
    const h = await slackHarness(database(), fake);
    const { card, reference, migrant } = await newCase(h);
    await act(h, COUNSELLOR, card, { action_id: 'case.claim' });
    const request = commandRequest(COUNSELLOR, '/avrr', `template bring_id ${reference}`, h.now());
    expect((await h.slack(request)).status).toBe(200);
    await h.settle();
    const after = (await migrant.history()).length;
    const replay = await h.slack(request);
    expect(replay.status).toBe(200);
    await h.settle();
    expect((await migrant.history()).length).toBe(after);
    const events = await h.stores.cases.events((await h.stores.cases.byReference(reference))!.id);
    expect(events.filter((e) => e.kind === 'template_sent')).toHaveLength(1);
  });
});

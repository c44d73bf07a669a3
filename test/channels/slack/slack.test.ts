/**
 * The Slack side, driven only through HTTP: signed requests into POST /slack/events, and a fake Slack
 * Web API the app calls. The migrant is in the web chat (the same conversation service as Telegram).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { hashToken } from '../../../src/channels/web/token.js';
import { useTestDatabase } from '../../support/db.js';
import {
  actionRequest,
  commandRequest,
  eventRequest,
  FakeSlack,
  HANDOFF_CHANNEL,
  rawRequest,
  type SlackMessage,
} from '../../support/fake-slack/index.js';
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
  // Every call the app made had a known method, known parameters and valid blocks.
  expect(fake.violations).toEqual([]);
  fake.down = false;
  fake.delayMs = 0;
});

const COUNSELLOR = 'UCOUNS1';
const OTHER = 'UOTHER2';

/** The newest card in the handoff channel. */
function newestCard(): SlackMessage {
  const cards = fake.topLevel(HANDOFF_CHANNEL).filter((m) => m.metadata?.event_type === 'avrr_case');
  const card = cards[cards.length - 1];
  if (!card) throw new Error('no card posted');
  return card;
}

const referenceOf = (card: SlackMessage): string => String(card.metadata?.event_payload['reference']);
const buttonsOf = (card: SlackMessage): string[] =>
  (card.blocks ?? []).flatMap((b) => (b['type'] === 'actions' ? (b['elements'] as Array<{ action_id: string }>).map((e) => e.action_id) : []));
const threadTexts = (card: SlackMessage): string[] => fake.thread(card.channel, card.ts).map((m) => m.text);

/** A person asks for a counsellor; the card is posted. */
async function newCase(h: Harness, language = 'en'): Promise<{ migrant: WebMigrant; card: SlackMessage; reference: string }> {
  const migrant = new WebMigrant(h);
  await migrant.askForCounsellor(language);
  await h.settle();
  const card = newestCard();
  return { migrant, card, reference: referenceOf(card) };
}

async function claim(h: Harness, card: SlackMessage, user = COUNSELLOR): Promise<Response> {
  const reference = referenceOf(card);
  const res = await h.slack(actionRequest(user, { action_id: 'case.claim', block_id: actionBlockId(reference), value: reference }, card, h.now()));
  await h.settle();
  return res;
}

/** A counsellor writes in the card's thread: Slack stores it and sends the event. */
async function reply(h: Harness, card: SlackMessage, user: string, text: string, options: { eventId?: string } = {}) {
  const message = fake.postAsUser(card.channel, user, text, card.ts);
  const event = { type: 'message', channel: card.channel, user, text, ts: message.ts, thread_ts: card.ts, channel_type: 'channel' };
  const res = await h.slack(eventRequest(event, h.now(), options));
  await h.settle();
  return { message, res, event };
}

describe('requests into /slack/events', () => {
  it('answers url_verification with the challenge', async () => {
    const h = await slackHarness(database(), fake);
    const body = JSON.stringify({ token: 't', challenge: 'c-123', type: 'url_verification' });
    const res = await h.slack(rawRequest(body, 'application/json', h.now()));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ challenge: 'c-123' });
  });

  it('refuses a wrong, stale, future or missing signature with 401', async () => {
    const h = await slackHarness(database(), fake);
    const body = JSON.stringify({ token: 't', challenge: 'c', type: 'url_verification' });
    const now = Math.floor(h.now().getTime() / 1000);
    const cases = [
      rawRequest(body, 'application/json', h.now(), 'another-secret'),
      rawRequest(body, 'application/json', h.now(), undefined, now - 6 * 60),
      rawRequest(body, 'application/json', h.now(), undefined, now + 6 * 60),
      { body, headers: { 'content-type': 'application/json' } },
      { ...rawRequest(body, 'application/json', h.now()), body: body.replace('"c"', '"d"') },
    ];
    for (const request of cases) expect((await h.slack(request)).status).toBe(401);
    // Within five minutes either way is fine.
    expect((await h.slack(rawRequest(body, 'application/json', h.now(), undefined, now - 4 * 60))).status).toBe(200);
    expect((await h.slack(rawRequest(body, 'application/json', h.now(), undefined, now + 4 * 60))).status).toBe(200);
  });

  it('acks at once and does the slow work after the response', async () => {
    const h = await slackHarness(database(), fake);
    const { card } = await newCase(h);
    // Slack itself is slow: every Web API call takes 2 s.
    fake.delayMs = 2_000;
    const reference = referenceOf(card);
    const started = Date.now();
    const res = await h.slack(actionRequest(COUNSELLOR, { action_id: 'case.claim', block_id: actionBlockId(reference), value: reference }, card, h.now()));
    expect(res.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(1_000);
    // The response went out before the card was updated.
    expect(cardOf(fake, reference).updates).toBe(0);
    fake.delayMs = 0;
    await h.settle();
    expect(cardOf(fake, reference).updates).toBe(1);
    expect(cardOf(fake, reference).text).toContain(reference);
    expect(JSON.stringify(cardOf(fake, reference).blocks)).toContain(`<@${COUNSELLOR}>`);
  });
});

describe('the case card', () => {
  it('is posted through the outbox with the metadata, a fallback text and nothing personal', async () => {
    const h = await slackHarness(database(), fake);
    const migrant = new WebMigrant(h);
    await migrant.askForCounsellor('ar');
    const before = fake.callsOf('chat.postMessage').length;
    await h.settle();
    expect(fake.callsOf('chat.postMessage').length).toBe(before + 1);
    const card = newestCard();
    expect(card.channel).toBe(HANDOFF_CHANNEL);
    expect(card.metadata).toEqual({
      event_type: 'avrr_case',
      event_payload: { reference: expect.stringMatching(/^AVR-2026-\d{6}$/), kind: 'question', outcome: '', language: 'ar', status: 'submitted', urgent: false },
    });
    expect(card.text).toContain(referenceOf(card));
    const shown = JSON.stringify(card);
    expect(shown).toContain('Arabic (العربية)');
    expect(shown).toContain('case.claim');
    expect(shown).not.toContain(migrant.token);
    expect(buttonsOf(card)).toEqual(['case.claim', 'case.set_status']);
  });

  it('arrives once Slack is back, exactly once', async () => {
    const h = await slackHarness(database(), fake);
    fake.down = true;
    const migrant = new WebMigrant(h);
    await migrant.askForCounsellor();
    const count = fake.topLevel(HANDOFF_CHANNEL).length;
    await h.settle();
    expect(fake.topLevel(HANDOFF_CHANNEL).length).toBe(count);
    fake.down = false;
    // Not due yet: the backoff holds it back.
    await h.settle();
    expect(fake.topLevel(HANDOFF_CHANNEL).length).toBe(count);
    h.advance(60_000);
    await h.settle();
    h.advance(60_000);
    await h.settle();
    expect(fake.topLevel(HANDOFF_CHANNEL).length).toBe(count + 1);
  });

  it('makes an urgent case impossible to miss', async () => {
    const h = await slackHarness(database(), fake);
    const migrant = new WebMigrant(h);
    await migrant.send({ text: 'hi' });
    await migrant.send({ choice: 'en' });
    await migrant.send({ choice: 'agree' });
    await migrant.send({ choice: 'intake' });
    await migrant.send({ choice: 'migrant' });
    await migrant.send({ text: 'yes' });
    await h.settle();
    const card = newestCard();
    expect(card.metadata?.event_payload).toMatchObject({ kind: 'protection', urgent: true });
    expect(card.text).toMatch(/^🚨 <!here> URGENT/);
    expect(card.blocks?.[0]).toMatchObject({ type: 'header', text: { text: expect.stringContaining('URGENT') } });
  });
});

describe('the live line', () => {
  it('opens on Claim: the card says who, the person is told, the thread explains the rules', async () => {
    const h = await slackHarness(database(), fake);
    const { migrant, card, reference } = await newCase(h);
    const res = await claim(h, card);
    expect(res.status).toBe(200);
    const updated = cardOf(fake, reference);
    expect(updated.updates).toBe(1);
    expect(JSON.stringify(updated.blocks)).toContain(`Claimed by <@${COUNSELLOR}>`);
    expect(buttonsOf(updated)).toEqual(['case.close', 'case.set_status', 'case.send_template']);
    expect(await migrant.lastOut()).toContain('A counsellor is now with you');
    expect(threadTexts(card)[0]).toContain('Live line open');
    const events = await h.stores.cases.events((await h.stores.cases.byReference(reference))!.id);
    expect(events.map((e) => e.kind)).toContain('claimed');
  });

  it('relays the person to the thread and the claiming counsellor back, once, even when Slack retries', async () => {
    const h = await slackHarness(database(), fake);
    const { migrant, card } = await newCase(h);
    await claim(h, card);
    const answer = await migrant.send({ text: 'Hello, I have a question about my papers' });
    expect(answer).toEqual([]);
    await h.settle();
    expect(threadTexts(card)).toContain('💬 Hello, I have a question about my papers');

    const first = await reply(h, card, COUNSELLOR, 'Hi! Do you have a passport? &lt;none&gt; is fine too', { eventId: 'EvREPLY1' });
    expect(first.res.status).toBe(200);
    // Slack did not see the ack in time and sends the same event again.
    const again = await h.slack(eventRequest(first.event, h.now(), { eventId: 'EvREPLY1', retryNum: 1 }));
    expect(again.status).toBe(200);
    await h.settle();
    const said = (await migrant.history()).filter((m) => m.html.includes('Do you have a passport?'));
    expect(said).toHaveLength(1);
    expect(said[0]?.html).toBe('Counsellor: Hi! Do you have a passport? &lt;none&gt; is fine too');
    expect(fake.find(card.channel, first.message.ts)?.reactions).toEqual(['white_check_mark']);
  });

  it('keeps replies by someone else, or starting with note:, internal and marks them with a lock', async () => {
    const h = await slackHarness(database(), fake);
    const { migrant, card } = await newCase(h);
    await claim(h, card);
    const before = (await migrant.history()).length;
    const other = await reply(h, card, OTHER, 'I know this person, call me');
    const note = await reply(h, card, COUNSELLOR, 'note: seems eligible, check documents');
    expect((await migrant.history()).length).toBe(before);
    expect(fake.find(card.channel, other.message.ts)?.reactions).toEqual(['lock']);
    expect(fake.find(card.channel, note.message.ts)?.reactions).toEqual(['lock']);
  });

  it('notes in the thread that a photo or file was sent, without the file', async () => {
    const h = await slackHarness(database(), fake);
    const { migrant, card } = await newCase(h);
    const key = { channel: 'web' as const, channelUserId: await hashToken(migrant.token) };
    // How a channel that handles files itself (Telegram) tells the core: null means it went to the line.
    const noted = () => h.built.service.notify(key, 'telegram:photo', {}, { attachment: true });
    expect(await noted()).not.toBeNull();
    await claim(h, card);
    expect(await noted()).toBeNull();
    await h.settle();
    expect(threadTexts(card).at(-1)).toContain('The person sent a photo or a file');
  });

  it('still lets /menu reach the bot while the line is open', async () => {
    const h = await slackHarness(database(), fake);
    const { migrant, card } = await newCase(h);
    await claim(h, card);
    const replies = await migrant.send({ text: '/menu' });
    expect(replies.map((m) => m.key)).toContain('menu:main');
    await h.settle();
    expect(threadTexts(card).some((t) => t.includes('/menu'))).toBe(false);
  });

  it('sends a canned reply in the person’s language and shows the English in the thread', async () => {
    const h = await slackHarness(database(), fake);
    const { migrant, card, reference } = await newCase(h, 'ar');
    await claim(h, card);
    await h.slack(actionRequest(COUNSELLOR, { action_id: 'case.send_template', block_id: actionBlockId(reference), selected: 'bring_id' }, card, h.now()));
    await h.settle();
    expect(await migrant.lastOut()).toContain('من فضلك أحضر أي وثيقة هوية لديك');
    const note = threadTexts(card).find((t) => t.includes('bring_id'));
    expect(note).toContain('Please bring any identity document you have, even if it has expired.');
    expect(note).toContain('Arabic');

    // A template with values goes through the command (slash commands carry no thread); its place
    // is one coordinators keep in the services directory.
    await h.stores.dashboard.lists.saveService(
      null,
      { country: 'BA', municipality: 'Sarajevo', name: 'IOM office, Sarajevo', topic: 'other', what: 'counselling', contact: 'Sarajevo', verified: true },
      'test',
      h.now(),
    );
    const res = await h.slack(commandRequest(COUNSELLOR, '/avrr', `template appointment ${reference} date=2026-12-03 place="IOM office, Sarajevo"`, h.now()));
    expect(await res.json()).toMatchObject({ response_type: 'ephemeral', text: expect.stringContaining(`Sent appointment to ${reference}`) });
    await h.settle();
    const last = await migrant.lastOut();
    expect(last).toContain('موعدك في');
    expect(last).toContain('IOM office, Sarajevo');
    expect(threadTexts(card).some((t) => /Your appointment is on December 3, 2026\. Place: IOM office, Sarajevo\./.test(t))).toBe(true);
  });

  it('tells the person about a status change in their language and updates the card', async () => {
    const h = await slackHarness(database(), fake);
    const { migrant, card, reference } = await newCase(h, 'bs');
    await claim(h, card);
    await h.slack(actionRequest(COUNSELLOR, { action_id: 'case.set_status', block_id: actionBlockId(reference), selected: 'documents_requested' }, card, h.now()));
    await h.settle();
    expect(await migrant.lastOut()).toContain('trebamo neke dokumente');
    expect(cardOf(fake, reference).metadata?.event_payload['status']).toBe('documents_requested');
    expect(threadTexts(card).some((t) => t.includes('Status changed to *Documents requested*'))).toBe(true);
    expect((await h.stores.cases.byReference(reference))?.status).toBe('documents_requested');
  });

  it('ends on Close: the person is told, their messages go to the bot again, replies stay internal', async () => {
    const h = await slackHarness(database(), fake);
    const { migrant, card, reference } = await newCase(h);
    await claim(h, card);
    await h.slack(actionRequest(COUNSELLOR, { action_id: 'case.close', block_id: actionBlockId(reference), value: reference }, card, h.now()));
    await h.settle();
    expect(await migrant.lastOut()).toContain('The counsellor has closed this conversation');
    expect(buttonsOf(cardOf(fake, reference))).toEqual([]);
    expect(threadTexts(card).some((t) => t.includes('Live line closed'))).toBe(true);

    const thread = threadTexts(card).length;
    const answer = await migrant.send({ text: 'hello again' });
    expect(answer.length).toBeGreaterThan(0);
    await h.settle();
    expect(threadTexts(card).length).toBe(thread);
    const late = await reply(h, card, COUNSELLOR, 'one more thing');
    expect(fake.find(card.channel, late.message.ts)?.reactions).toEqual(['lock']);
    expect((await migrant.history()).some((m) => m.html.includes('one more thing'))).toBe(false);
  });

  it('tells a second counsellor the case is already claimed', async () => {
    const h = await slackHarness(database(), fake);
    const { card } = await newCase(h);
    await claim(h, card, COUNSELLOR);
    await claim(h, card, OTHER);
    expect(fake.ephemeral.at(-1)).toMatchObject({ user: OTHER, text: `This case is already claimed by <@${COUNSELLOR}>.` });
  });
});

describe('App Home and /avrr', () => {
  it('shows the counsellor’s open cases and the queues', async () => {
    const h = await slackHarness(database(), fake);
    const { card, reference } = await newCase(h);
    await claim(h, card);
    await h.slack(eventRequest({ type: 'app_home_opened', user: COUNSELLOR, channel: 'D1', tab: 'home' }, h.now()));
    await h.settle();
    const home = JSON.stringify(fake.homes.get(COUNSELLOR));
    expect(home).toContain(reference);
    expect(home).toMatch(/\*General\*: \d+ open, \d+ not claimed, \d+ urgent/);
  });

  it('answers queue, case, template and login', async () => {
    const h = await slackHarness(database(), fake);
    const { reference, card } = await newCase(h);
    // A counsellor sees the cases they hold.
    await claim(h, card);
    const ask = async (text: string) => (await (await h.slack(commandRequest(COUNSELLOR, '/avrr', text, h.now()))).json()) as { text: string; blocks?: unknown[] };
    expect((await ask('queue')).text).toMatch(/\*General\*: \d+ open/);
    const shown = await ask(`case ${reference.toLowerCase()}`);
    expect(shown.text).toContain(reference);
    expect(shown.blocks?.length).toBeGreaterThan(0);
    expect((await ask('case AVR-1999-000001')).text).toContain('There is no case');
    expect((await ask('template')).text).toContain('bring_id');
    expect((await ask('template nope')).text).toContain('There is no canned reply called nope');
    expect((await ask('')).text).toContain('Usage: /avrr queue');
  });

  it('sends a one-time dashboard sign-in link by DM on /avrr login', async () => {
    const h = await slackHarness(database(), fake, { PUBLIC_URL: 'https://avrr.example.org' });
    const login = async (user: string) => {
      const res = await h.slack(commandRequest(user, '/avrr', 'login', h.now()));
      expect(((await res.json()) as { text: string }).text).toContain('direct message');
      await h.settle();
      return fake.dms.filter((d) => d.channel === `D${user}`).at(-1)?.text ?? '';
    };
    // No email in the Slack profile, no dashboard user.
    expect(await login('UNOMAIL')).toContain('could not read your email address');
    fake.emails.set('USTRANGER', 'stranger@example.org');
    expect(await login('USTRANGER')).toContain('not registered for the dashboard');
    fake.emails.set(COUNSELLOR, 'ana@example.org');
    await h.built.dashboard.addUser({ email: 'ana@example.org', role: 'counsellor' }, 'test');
    expect(await login(COUNSELLOR)).toMatch(/one-time sign-in link for the dashboard: <https:\/\/avrr\.example\.org\/[^|>]+\|sign in>/);
  });
});

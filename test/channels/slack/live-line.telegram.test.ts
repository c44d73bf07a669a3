/**
 * The live line end to end, driven only through the two fakes: the migrant on the fake Telegram
 * (webhook in, Bot API out), the counsellor on the fake Slack (signed requests in, Web API out).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../support/db.js';
import { actionRequest, commandRequest, eventRequest, FakeSlack, HANDOFF_CHANNEL, type SlackMessage } from '../../support/fake-slack/index.js';
import { FakeTelegram, FakeUser, TelegramChat } from '../../support/fake-telegram/index.js';
import { actionBlockId, cardOf, slackHarness, type Harness } from './harness.js';

const database = useTestDatabase();
const SECRET = 'test-webhook-secret_1';
const COUNSELLOR = 'UCOUNS9';
let slack: FakeSlack;
let telegram: FakeTelegram;

beforeAll(async () => {
  [slack, telegram] = await Promise.all([FakeSlack.start(), FakeTelegram.start()]);
});
afterAll(async () => {
  await Promise.all([slack.stop(), telegram.close()]);
});
afterEach(() => {
  expect(slack.violations).toEqual([]);
  expect(telegram.violations).toEqual([]);
});

async function setup(): Promise<Harness> {
  return slackHarness(database(), slack, {
    TELEGRAM_BOT_TOKEN: telegram.token,
    TELEGRAM_WEBHOOK_SECRET: SECRET,
    TELEGRAM_API_ROOT: telegram.apiRoot,
  });
}

/** What the bot sent to this person's Telegram chat so far. */
const sentTo = (chat: TelegramChat): string[] => telegram.callsTo('sendMessage', chat.user.id).filter((c) => c.status === 200).map((c) => String(c.params['text']));

/** A person on Telegram consents in a language and asks for a counsellor; the card appears. */
async function personWithCase(h: Harness, language: 'English' | 'العربية' | 'Bosanski'): Promise<{ chat: TelegramChat; card: SlackMessage; reference: string }> {
  const chat = new TelegramChat(h.built.app, telegram, new FakeUser(telegram, 'en'), SECRET);
  await chat.text('/start');
  await chat.pressLabel(language);
  await chat.press('agree');
  await chat.press('counsellor');
  await h.settle();
  const cards = slack.topLevel(HANDOFF_CHANNEL);
  const card = cards[cards.length - 1];
  if (!card) throw new Error('no card');
  return { chat, card, reference: String(card.metadata?.event_payload['reference']) };
}

async function act(h: Harness, card: SlackMessage, action: { action_id: string; value?: string; selected?: string }): Promise<void> {
  const reference = String(card.metadata?.event_payload['reference']);
  await h.slack(actionRequest(COUNSELLOR, { block_id: actionBlockId(reference), ...action }, card, h.now()));
  await h.settle();
}

async function counsellorWrites(h: Harness, card: SlackMessage, text: string, eventId: string, retryNum?: number) {
  const message = slack.postAsUser(card.channel, COUNSELLOR, text, card.ts);
  const event = { type: 'message', channel: card.channel, user: COUNSELLOR, text, ts: message.ts, thread_ts: card.ts };
  await h.slack(eventRequest(event, h.now(), { eventId }));
  if (retryNum !== undefined) await h.slack(eventRequest(event, h.now(), { eventId, retryNum }));
  await h.settle();
  return message;
}

const thread = (card: SlackMessage) => slack.thread(card.channel, card.ts).map((m) => m.text);

describe('the live line between Telegram and Slack', () => {
  it('carries a whole conversation: card, claim, both directions once, template, status, close', async () => {
    const h = await setup();
    const { chat, card, reference } = await personWithCase(h, 'العربية');
    expect(card.metadata).toMatchObject({ event_type: 'avrr_case', event_payload: { reference, kind: 'question', language: 'ar', status: 'submitted', urgent: false } });
    expect(JSON.stringify(card)).not.toContain(String(chat.user.id));

    // Claim: the card shows who, the person is told in Arabic that a counsellor is with them.
    await act(h, card, { action_id: 'case.claim', value: reference });
    expect(JSON.stringify(cardOf(slack, reference).blocks)).toContain(`<@${COUNSELLOR}>`);
    expect(sentTo(chat).at(-1)).toContain('مرشد معك الآن');

    // The person writes: it lands in the thread, and the bot does not answer it.
    const before = sentTo(chat).length;
    await chat.text('مرحبا، عندي سؤال');
    await h.settle();
    expect(thread(card)).toContain('💬 مرحبا، عندي سؤال');
    expect(sentTo(chat).length).toBe(before);

    // The counsellor answers; Slack delivers the event twice: the person gets it once, with a ✅.
    const answer = await counsellorWrites(h, card, 'Hello! We can help. Do you have any ID?', 'EvTG00001', 1);
    const got = sentTo(chat).filter((t) => t.includes('Do you have any ID?'));
    // Inside right-to-left text the counsellor's words are isolated so they are not scrambled.
    expect(got).toEqual(['<b>المرشد:</b> \u2068Hello! We can help. Do you have any ID?\u2069']);
    expect(slack.find(card.channel, answer.ts)?.reactions).toEqual(['white_check_mark']);

    // A note stays internal.
    const note = await counsellorWrites(h, card, 'note: speaks some English', 'EvTG00002');
    expect(sentTo(chat).some((t) => t.includes('speaks some English'))).toBe(false);
    expect(slack.find(card.channel, note.ts)?.reactions).toEqual(['lock']);

    // A canned reply arrives in Arabic; the thread shows the English.
    await h.slack(commandRequest(COUNSELLOR, '/avrr', 'template bring_id', h.now()));
    await h.settle();
    expect(sentTo(chat).at(-1)).toContain('من فضلك أحضر أي وثيقة هوية لديك');
    expect(thread(card).at(-1)).toContain('Please bring any identity document you have, even if it has expired.');

    // A status change reaches the person, in Arabic, with what comes next.
    await act(h, card, { action_id: 'case.set_status', selected: 'in_review' });
    expect(sentTo(chat).at(-1)).toContain('يراجع أحد المرشدين الآن طلبك');
    expect(cardOf(slack, reference).metadata?.event_payload['status']).toBe('in_review');

    // Close: the person is told and is back with the bot; nothing more is relayed either way.
    await act(h, card, { action_id: 'case.close', value: reference });
    expect(sentTo(chat).at(-1)).toContain('أغلق المرشد هذه المحادثة');
    const threadLength = thread(card).length;
    const { sent } = await chat.text('/menu');
    expect(sent.length).toBeGreaterThan(0);
    await chat.text('شكرا');
    await h.settle();
    expect(thread(card).length).toBe(threadLength);
    const late = await counsellorWrites(h, card, 'one more thing', 'EvTG00003');
    expect(sentTo(chat).some((t) => t.includes('one more thing'))).toBe(false);
    expect(slack.find(card.channel, late.ts)?.reactions).toEqual(['lock']);
  });

  it('keeps the promise of the departed notice: after travel the person writes here and a counsellor answers', async () => {
    const h = await setup();
    const { chat, card, reference } = await personWithCase(h, 'English');
    await act(h, card, { action_id: 'case.claim', value: reference });
    for (const status of ['approved', 'travel_booked', 'departed']) await act(h, card, { action_id: 'case.set_status', selected: status });
    expect(sentTo(chat).at(-1)).toContain('write here and a counsellor will send it');
    // The card still offers what can be done: close, and the one move left.
    expect(JSON.stringify(cardOf(slack, reference).blocks)).toContain('case.close');

    const before = sentTo(chat).length;
    await chat.text('I arrived. Where is the IOM office here?');
    await h.settle();
    expect(thread(card)).toContain('💬 I arrived. Where is the IOM office here?');
    expect(sentTo(chat).length).toBe(before);
    await counsellorWrites(h, card, 'Welcome home. The IOM office is at the address I send next.', 'EvTG00010');
    expect(sentTo(chat).at(-1)).toContain('Welcome home.');

    // Closed: the line ends, as for any case.
    await act(h, card, { action_id: 'case.close', value: reference });
    const threadLength = thread(card).length;
    await chat.text('thanks');
    await h.settle();
    expect(thread(card).length).toBe(threadLength);
  });

  it('asks on the safety path whether this phone may be messaged first, and the card shows the answer at once', async () => {
    const h = await setup();
    const chat = new TelegramChat(h.built.app, telegram, new FakeUser(telegram, 'en'), SECRET);
    await chat.text('/start');
    await chat.pressLabel('English');
    await chat.press('agree');
    await chat.press('safe');
    await chat.press('rs');
    await h.settle();
    // The case is there before the question: an urgent request waits for nothing.
    const card = slack.topLevel(HANDOFF_CHANNEL).at(-1);
    if (!card) throw new Error('no card');
    const reference = String(card.metadata?.event_payload['reference']);
    expect(sentTo(chat).at(-1)).toContain('Can we send you messages first on this phone');
    expect(JSON.stringify(cardOf(slack, reference).blocks)).not.toContain('Do not message first');
    await chat.press('wait');
    await h.settle();
    expect(JSON.stringify(cardOf(slack, reference).blocks)).toContain('Do not message first');
    expect(thread(card).at(-1)).toContain('asked not to be messaged first');
    // And the claim does not change it: a reply while the person is away is refused.
    await act(h, card, { action_id: 'case.claim', value: reference });
    h.advance(2 * 60 * 60 * 1000);
    await counsellorWrites(h, card, 'Are you safe to talk?', 'EvTG00020');
    expect(sentTo(chat).some((t) => t.includes('Are you safe to talk?'))).toBe(false);
    expect(thread(card).at(-1)).toContain('Not sent');
  });

  it('says in the thread when a reply could not be delivered (the person blocked the bot)', async () => {
    const h = await setup();
    const { chat, card, reference } = await personWithCase(h, 'English');
    await act(h, card, { action_id: 'case.claim', value: reference });
    telegram.block(chat.user.id);
    const reply = await counsellorWrites(h, card, 'Are you still there?', 'EvTG00004');
    expect(slack.find(card.channel, reply.ts)?.reactions).toEqual(['warning']);
    expect(thread(card).at(-1)).toContain('could not be delivered');
    telegram.unblock(chat.user.id);
  });

  it('delivers a reply once Telegram is back, then marks it ✅', async () => {
    const h = await setup();
    const { chat, card, reference } = await personWithCase(h, 'Bosanski');
    await act(h, card, { action_id: 'case.claim', value: reference });
    telegram.fail('sendMessage', { status: 502 }, 3, chat.user.id);
    const reply = await counsellorWrites(h, card, 'Dobar dan!', 'EvTG00005');
    expect(slack.find(card.channel, reply.ts)?.reactions).toEqual([]);
    for (let i = 0; i < 4; i++) {
      h.advance(120_000);
      await h.settle();
    }
    expect(sentTo(chat).filter((t) => t.includes('Dobar dan!'))).toEqual(['<b>Savjetnik:</b> Dobar dan!']);
    expect(slack.find(card.channel, reply.ts)?.reactions).toEqual(['white_check_mark']);
  });
});

/** POST /telegram/webhook: who may post, what counts as an update, and what a re-delivery does. */
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../support/db.js';
import { postUpdate } from '../../support/fake-telegram/index.js';
import { SECRET, telegramHarness, useFakeTelegram } from './harness.js';

const database = useTestDatabase();
const fake = useFakeTelegram();

describe('the Telegram webhook', () => {
  it('refuses a missing or wrong secret with 401 and does nothing', async () => {
    const h = await telegramHarness(database(), fake());
    const chat = h.person('en');
    const before = fake().calls.length;
    for (const secret of [null, '', 'wrong', `${SECRET}x`, SECRET.slice(0, -1)]) {
      const res = await postUpdate(h.app, chat.user.text('/start'), secret);
      expect(res.status).toBe(401);
      expect(await res.json()).toMatchObject({ error: { code: 'unauthorized' } });
    }
    expect(fake().calls.length).toBe(before);
    // Nothing was recorded either: the first real message is still a first contact.
    const first = await chat.text('/start');
    expect(first.sent.length).toBeGreaterThan(0);
  });

  it('answers 400, never 5xx, to a body that is not an update', async () => {
    const h = await telegramHarness(database(), fake());
    const before = fake().calls.length;
    for (const body of ['', 'not json', '[]', '"update"', '{}', '{"update_id":"7"}', '{"update_id":-1}', '{"update_id":1,"message":{"text":"x"}}']) {
      const res = await postUpdate(h.app, body, SECRET);
      expect(res.status, body).toBe(400);
    }
    expect(fake().calls.length).toBe(before);
  });

  it('handles an update and answers 2xx after the replies went out', async () => {
    const h = await telegramHarness(database(), fake());
    const exchange = await h.person('en').text('/start');
    expect(exchange.status).toBe(200);
    expect(exchange.sent.length).toBe(2);
    expect(exchange.sent[1]?.params).toMatchObject({ parse_mode: 'HTML', reply_markup: { inline_keyboard: expect.any(Array) } });
    // botInfo comes from the token: a cold start asks Telegram nothing.
    expect(fake().callsTo('getMe')).toEqual([]);
  });

  it('makes no second Bot API request for a re-delivered update (text and button press)', async () => {
    const h = await telegramHarness(database(), fake());
    const chat = h.person('en');
    const update = chat.user.text('/start');
    const first = await chat.post(update);
    expect(first.calls.length).toBeGreaterThan(0);
    const again = await chat.post(update);
    expect(again.status).toBe(200);
    expect(again.calls).toEqual([]);

    const press = chat.user.press(chat.messageWith('en'), 'en');
    expect((await chat.post(press)).calls.map((c) => c.method)).toContain('answerCallbackQuery');
    const pressedAgain = await chat.post(press);
    expect(pressedAgain.status).toBe(200);
    // Only the press's answer again, in the webhook's own response (no request): the first one may
    // have been lost with the delivery that failed. Nothing is edited or sent twice.
    expect(pressedAgain.calls.map((c) => [c.method, c.webhookReply])).toEqual([['answerCallbackQuery', true]]);
  });

  it('makes no second call for re-delivered photos and edits either', async () => {
    const h = await telegramHarness(database(), fake());
    const chat = h.person('en');
    for (const update of [chat.user.photo(), chat.user.edited('fixed')]) {
      expect((await chat.post(update)).sent).toHaveLength(1);
      expect((await chat.post(update)).calls).toEqual([]);
    }
  });

  it('ignores chats that are not private (the bot is not for groups)', async () => {
    const h = await telegramHarness(database(), fake());
    const chat = h.person('en');
    const update = chat.user.text('/start');
    const inGroup = { ...update, message: { ...update.message, chat: { id: -100123, type: 'supergroup', title: 'G' } } };
    const res = await postUpdate(h.app, inGroup, SECRET);
    expect(res.status).toBe(200);
    expect(fake().callsTo('sendMessage', -100123)).toEqual([]);
  });

  it('is not there in polling mode', async () => {
    const h = await telegramHarness(database(), fake(), { env: { TELEGRAM_MODE: 'polling' } });
    const res = await postUpdate(h.app, h.person('en').user.text('/start'), SECRET);
    expect(res.status).toBe(404);
  });
});

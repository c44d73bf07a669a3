/**
 * What Telegram and the network do to us: rate limits, outages, blocked users, bugs, a database
 * that is down, and updates that arrive twice at once.
 */
import { describe, expect, it } from 'vitest';
import type { ConversationService } from '../../../src/conversation/types.js';
import { Translator } from '../../../src/i18n/translator.js';
import { realContent } from '../../support/app.js';
import { testDatabase, useTestDatabase } from '../../support/db.js';
import { FakeUser, TelegramChat } from '../../support/fake-telegram/index.js';
import { extraTelegram, memoryLogger, SECRET, telegramHarness, texts, useFakeTelegram, type Harness } from './harness.js';

const database = useTestDatabase();
const fake = useFakeTelegram();
const translator = new Translator(realContent());
const t = (language: string, key: string) => translator.t(language, key);
const START = [t('en', 'welcome:greeting'), t('en', 'welcome:pick_language')];

/** The messages that reached a chat (answered 200), in order. */
const delivered = (chatId: number) => texts(fake().callsTo('sendMessage', chatId).filter((c) => c.status === 200));

describe('Bot API failures', () => {
  it('honours a 429 retry_after and still delivers each message once, in order, within the request', async () => {
    const h = await telegramHarness(database(), fake());
    const chat = h.person('en');
    fake().fail('sendMessage', { status: 429, retryAfter: 1 }, 1, chat.user.id);
    const { status, calls } = await chat.text('/start');
    expect(status).toBe(200);
    const sends = calls.filter((c) => c.method === 'sendMessage');
    expect(sends.map((c) => c.status)).toEqual([429, 200, 200]);
    expect(sends[1]!.at - sends[0]!.at).toBeGreaterThanOrEqual(990);
    expect(delivered(chat.user.id)).toEqual(START);
  });

  it('leaves a long retry_after to the outbox: nothing is sent before it has passed', async () => {
    const h = await telegramHarness(database(), fake());
    const chat = h.person('en');
    fake().fail('sendMessage', { status: 429, retryAfter: 30 }, 1, chat.user.id);
    const started = Date.now();
    expect((await chat.text('/start')).status).toBe(200);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(delivered(chat.user.id)).toEqual([]);
    h.clock.advance(20_000);
    await h.worker.run();
    expect(delivered(chat.user.id)).toEqual([]);
    h.clock.advance(11_000);
    await h.worker.run();
    expect(delivered(chat.user.id)).toEqual(START);
  });

  it('leaves a 5xx to the outbox instead of holding the request: sent once, in order, on its next run', async () => {
    const h = await telegramHarness(database(), fake());
    const chat = h.person('en');
    fake().fail('sendMessage', { status: 502 }, 1, chat.user.id);
    const started = Date.now();
    expect((await chat.text('/start')).status).toBe(200);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(delivered(chat.user.id)).toEqual([]);
    h.clock.advance(3_000);
    await h.worker.run();
    expect(delivered(chat.user.id)).toEqual(START);
    expect(fake().callsTo('sendMessage', chat.user.id).map((c) => c.status)).toEqual([502, 200, 200]);
  });

  it('gives up on an unreachable Bot API at once (no retry without end) and delivers once it is back', async () => {
    const h = await telegramHarness(database(), fake());
    const chat = h.person('en');
    fake().fail('sendMessage', { status: 'network' }, 1, chat.user.id);
    expect((await chat.text('/start')).status).toBe(200);
    expect(delivered(chat.user.id)).toEqual([]);
    h.clock.advance(3_000);
    await h.worker.run();
    expect(delivered(chat.user.id)).toEqual(START);
  });

  it('catches up after an outage: everything queued goes out later, in order, once', async () => {
    const h = await telegramHarness(database(), fake());
    const chat = h.person('en');
    // Down for the first request's try and the outbox's first retry; the second request's
    // messages wait behind the first (no call for them while it is pending).
    fake().fail('sendMessage', { status: 500 }, 2, chat.user.id);
    expect((await chat.text('/start')).status).toBe(200);
    expect((await chat.text('/help')).status).toBe(200);
    expect(fake().callsTo('sendMessage', chat.user.id)).toHaveLength(1);
    h.clock.advance(2_000);
    await h.worker.run();
    expect(delivered(chat.user.id)).toEqual([]);
    // The backoff doubles (2 s, then 4 s).
    h.clock.advance(3_000);
    await h.worker.run();
    expect(delivered(chat.user.id)).toEqual([]);
    h.clock.advance(1_000);
    await h.worker.run();
    await h.worker.run();
    expect(delivered(chat.user.id).slice(0, 3)).toEqual([...START, t('en', 'help:commands')]);
    const count = delivered(chat.user.id).length;
    h.clock.advance(60_000);
    await h.worker.run();
    expect(delivered(chat.user.id)).toHaveLength(count);
  });
});

describe('a person who blocks the bot', () => {
  async function blockedChat(h: Harness) {
    const chat = h.person('en');
    await chat.text('/start');
    const key = { channel: 'telegram' as const, channelUserId: String(chat.user.id) };
    return { chat, key };
  }

  it('is marked unreachable on my_chat_member kicked: nothing more is sent; member again undoes it', async () => {
    const h = await telegramHarness(database(), fake());
    const { chat, key } = await blockedChat(h);
    expect((await chat.post(chat.user.membership('kicked'))).calls).toEqual([]);
    expect(await h.service.notify(key, 'telegram:apology')).toBeNull();
    await h.worker.run();
    expect((await chat.post(chat.user.membership('member'))).calls).toEqual([]);
    expect(await h.service.notify(key, 'telegram:apology')).not.toBeNull();
    await h.worker.run();
    expect(delivered(chat.user.id).at(-1)).toBe(t('en', 'telegram:apology'));
  });

  it('is marked unreachable when Telegram says 403, and the rest of their queue is dropped without calls', async () => {
    const h = await telegramHarness(database(), fake());
    const chat = h.person('en');
    fake().block(chat.user.id);
    expect((await chat.text('/start')).status).toBe(200);
    // The first message met the 403; the second was dropped without a call.
    expect(fake().callsTo('sendMessage', chat.user.id).map((c) => c.status)).toEqual([403]);
    const key = { channel: 'telegram' as const, channelUserId: String(chat.user.id) };
    expect(await h.service.notify(key, 'telegram:apology')).toBeNull();
    // They unblock and write again: reachable, answered.
    fake().unblock(chat.user.id);
    await chat.post(chat.user.membership('member'));
    expect((await chat.text('/start')).sent).toHaveLength(2);
  });
});

describe('failures on our side', () => {
  function brokenChannel(h: Harness, healthy: boolean) {
    const log = memoryLogger();
    const service: ConversationService = {
      ...h.service,
      handle: async () => {
        throw new TypeError('a bug');
      },
    };
    const app = extraTelegram(h, { service, healthy, log });
    app.onError((_, c) => c.text('down', 500));
    return { app, log };
  }

  it('a bug gives the person a kind apology and Telegram a 2xx', async () => {
    const h = await telegramHarness(database(), fake());
    const { app, log } = brokenChannel(h, true);
    const chat = new TelegramChat(app, fake(), new FakeUser(fake(), 'ar'), SECRET);
    const text = await chat.text('/start');
    expect(text.status).toBe(200);
    // A first contact has no language yet: the apology follows Telegram's language_code.
    expect(texts(text.sent)).toEqual([t('ar', 'telegram:apology')]);
    expect(log.lines).toContainEqual({ level: 'error', message: 'telegram: update failed' });
  });

  it('a button press that meets a bug is still answered', async () => {
    const h = await telegramHarness(database(), fake());
    const chat = h.person('en');
    await chat.text('/start');
    const { app } = brokenChannel(h, true);
    const broken = new TelegramChat(app, fake(), chat.user, SECRET);
    const { status, calls } = await broken.press('en');
    expect(status).toBe(200);
    expect(calls.map((c) => c.method)).toEqual(['sendMessage', 'answerCallbackQuery']);
  });

  it('while the database is down the webhook answers 5xx and makes no call, so Telegram delivers it again', async () => {
    const db = await testDatabase();
    const h = await telegramHarness(db, fake());
    const chat = h.person('en');
    const update = chat.user.text('/start');
    await db.close();
    const down = await chat.post(update);
    expect(down.status).toBe(500);
    expect(down.calls).toEqual([]);
  });

  it('the same bug with the database down is an outage: 5xx', async () => {
    const h = await telegramHarness(database(), fake());
    const { app } = brokenChannel(h, false);
    const chat = new TelegramChat(app, fake(), new FakeUser(fake(), 'en'), SECRET);
    const { status, calls } = await chat.text('/start');
    expect(status).toBe(500);
    expect(calls).toEqual([]);
  });
});

describe('concurrency', () => {
  it('a re-delivery that overlaps the first delivery is handled once', async () => {
    const h = await telegramHarness(database(), fake());
    const chat = h.person('en');
    const update = chat.user.text('/start');
    const [a, b] = await Promise.all([chat.post(update), chat.post(update)]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(delivered(chat.user.id)).toEqual(START);
  });

  it('two updates of one chat at once are handled one after the other', async () => {
    const h = await telegramHarness(database(), fake());
    // What each turn says on its own, in another chat.
    const alone = h.person('en');
    await alone.text('/start');
    const help = texts((await alone.text('/help')).sent);
    const status = texts((await alone.text('/status')).sent);
    const chat = h.person('en');
    await chat.text('/start');
    await Promise.all([chat.text('/help'), chat.text('/status')]);
    const got = delivered(chat.user.id).slice(2);
    expect([JSON.stringify([...help, ...status]), JSON.stringify([...status, ...help])]).toContain(JSON.stringify(got));
  });
});

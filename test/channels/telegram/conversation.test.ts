/**
 * Conversations driven only through the webhook: languages and buttons (answered, edited, paged).
 * The tour of every flow in every language is in every-language.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { Hono } from 'hono';
import { createTelegramChannel } from '../../../src/channels/telegram/index.js';
import { Translator } from '../../../src/i18n/translator.js';
import { silentLogger } from '../../../src/log.js';
import { realContent } from '../../support/app.js';
import { useTestDatabase } from '../../support/db.js';
import { buttonsOf, FakeUser, TelegramChat } from '../../support/fake-telegram/index.js';
import { SECRET, telegramHarness, texts, useFakeTelegram } from './harness.js';
import { readChoiceData } from '../../../src/channels/telegram/callback-data.js';

/** Button data as choice ids: a choice button's data also carries its question's number (`3|yes`). */
const idsOf = (m: Parameters<typeof buttonsOf>[0]): string[] => buttonsOf(m).map((b) => readChoiceData(b.data).id);
const dataOf = (m: Parameters<typeof buttonsOf>[0], id: string): string =>
  buttonsOf(m).find((b) => readChoiceData(b.data).id === id)?.data ?? id;

const database = useTestDatabase();
const fake = useFakeTelegram();
const translator = new Translator(realContent());
const t = (language: string, key: string) => translator.t(language, key);

describe('languages on Telegram', () => {
  it('greets a first-time user in their Telegram language, with the picker to change it', async () => {
    const h = await telegramHarness(database(), fake());
    const { sent } = await h.person('ar').text('/start');
    expect(texts(sent)).toEqual([t('ar', 'welcome:greeting'), t('ar', 'welcome:pick_language')]);
    // Every language, in the order of locales/languages.json (sr-Cyrl as `sr_cyrl`), then the menu.
    const choices = realContent().languages.map((l) => l.tag.toLowerCase().replace('-', '_'));
    expect(idsOf(sent[1]?.params ?? {})).toEqual([...choices, 'nav.menu']);
  });

  it('maps Telegram codes to a language (hr -> bs, sr -> sr-Cyrl) and falls back to English for unknown ones', async () => {
    const h = await telegramHarness(database(), fake());
    expect(texts((await h.person('hr').text('/start')).sent)[0]).toBe(t('bs', 'welcome:greeting'));
    expect(texts((await h.person('sr').text('/start')).sent)[0]).toBe(t('sr-Cyrl', 'welcome:greeting'));
    expect(texts((await h.person('sq').text('/start')).sent)[0]).toBe(t('en', 'welcome:greeting'));
    expect(texts((await h.person().text('/start')).sent)[0]).toBe(t('en', 'welcome:greeting'));
  });

  it('switches language at once with /language <name>, and offers the picker with /language', async () => {
    const h = await telegramHarness(database(), fake());
    const chat = h.person('en');
    await chat.text('/start');
    const switched = await chat.text('/language العربية');
    expect(texts(switched.sent)[0]).toBe(t('ar', 'common:language_changed'));
    const picker = await chat.text('/language');
    expect(texts(picker.sent)).toContain(t('ar', 'welcome:pick_language'));
  });
});

describe('buttons on Telegram', () => {
  it('answers the press and edits the question to show the answer, without its keyboard', async () => {
    const h = await telegramHarness(database(), fake());
    const chat = h.person('en');
    await chat.text('/start');
    const question = chat.messageWith('bs');
    const { calls } = await chat.press('bs');
    expect(calls.map((c) => c.method)).toEqual(['answerCallbackQuery', 'editMessageText', 'sendMessage', 'sendMessage']);
    const edited = fake().message(chat.user.id, question.message_id);
    expect(edited?.text).toBe(`${question.text}\n\n→ Bosanski`);
    expect(edited?.entities?.at(-1)).toMatchObject({ type: 'bold', length: 'Bosanski'.length });
    expect(edited?.reply_markup).toBeUndefined();
    // The next question is in the chosen language.
    expect(texts(calls.filter((c) => c.method === 'sendMessage')).at(-1)).toBe(t('bs', 'consent:ask'));
  });

  it('shows the answer in right-to-left text with the arrow towards it', async () => {
    const h = await telegramHarness(database(), fake());
    const chat = h.person('ar');
    await chat.text('/start');
    const question = chat.messageWith('ar');
    await chat.press('ar');
    expect(fake().message(chat.user.id, question.message_id)?.text).toBe(`${question.text}\n\n← العربية`);
  });

  it('only removes the keyboard of an old question; the open one is asked again', async () => {
    const h = await telegramHarness(database(), fake());
    const chat = h.person('en');
    await chat.text('/start');
    const old = chat.messageWith('en');
    await chat.text('English');
    // The language question was answered by typing; its buttons are still there.
    const { calls, sent } = await chat.post(chat.user.press(old, dataOf(old, 'bs')));
    expect(calls.map((c) => c.method)).toEqual(['answerCallbackQuery', 'editMessageReplyMarkup', 'sendMessage']);
    expect(fake().message(chat.user.id, old.message_id)?.text).toBe(old.text);
    expect(fake().message(chat.user.id, old.message_id)?.reply_markup).toBeUndefined();
    // The open question (consent) is asked again, with its own buttons.
    expect(idsOf(sent[0]?.params ?? {})).toEqual(['agree', 'info_only', 'more', 'nav.back', 'nav.menu']);
  });

  it('pages a long list: page buttons re-render the open question and a choice on page 2 works', async () => {
    const h = await telegramHarness(database(), fake());
    // A second channel on the same app with short pages (the flows have no list longer than a page).
    const paged = createTelegramChannel({
      token: fake().token,
      webhookSecret: SECRET,
      apiRoot: fake().apiRoot,
      service: h.service,
      claim: (key, updateId) => h.stores.conversations.withContact(key, (tx) => tx.claimInbound(updateId)),
      flush: (budget) => h.worker.run(budget),
      healthy: async () => true,
      languages: realContent().languages,
      text: translator,
      commands: [],
      log: silentLogger,
      options: { pageSize: 3 },
    });
    const app = new Hono().route('/', paged.routes);
    const chat = new TelegramChat(app, fake(), new FakeUser(fake(), 'en'), SECRET);
    await chat.text('/start');
    await chat.press('en');
    await chat.press('agree');
    const menu = chat.messageWith('about');
    const turned = await chat.post(chat.user.press(menu, 'pg:1'));
    expect(turned.calls.map((c) => c.method)).toEqual(['answerCallbackQuery', 'editMessageReplyMarkup']);
    const page2 = fake().message(chat.user.id, menu.message_id);
    expect(idsOf(page2 ?? {})).toEqual(['safe', 'counsellor', 'status', 'pg:0', 'pg:1', 'pg:2']);
    // The indicator shows the same page: answered, nothing to edit.
    expect((await chat.post(chat.user.press(page2!, 'pg:1'))).calls.map((c) => c.method)).toEqual(['answerCallbackQuery']);
    const chosen = await chat.post(chat.user.press(page2!, 'status'));
    expect(chosen.calls.map((c) => c.method).slice(0, 2)).toEqual(['answerCallbackQuery', 'editMessageText']);
    expect(fake().message(chat.user.id, menu.message_id)?.text).toMatch(/→ My application$/);
  });
});

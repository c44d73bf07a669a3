/**
 * Conversations driven only through the webhook: languages and buttons (answered, edited, paged).
 * The tour of every flow in every language is in every-language.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { Translator } from '../../../src/i18n/translator.js';
import { realContent } from '../../support/app.js';
import { useTestDatabase } from '../../support/db.js';
import { buttonsOf, FakeUser, TelegramChat } from '../../support/fake-telegram/index.js';
import { extraTelegram, SECRET, telegramHarness, texts, useFakeTelegram } from './harness.js';
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

  it('maps Telegram codes to a language (hr -> bs, sr -> sr-Cyrl, sq) and falls back to English for unknown ones', async () => {
    const h = await telegramHarness(database(), fake());
    expect(texts((await h.person('hr').text('/start')).sent)[0]).toBe(t('bs', 'welcome:greeting'));
    expect(texts((await h.person('sr').text('/start')).sent)[0]).toBe(t('sr-Cyrl', 'welcome:greeting'));
    expect(texts((await h.person('sq').text('/start')).sent)[0]).toBe(t('sq', 'welcome:greeting'));
    expect(texts((await h.person('ja').text('/start')).sent)[0]).toBe(t('en', 'welcome:greeting'));
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

  it('switches between the two Serbian scripts and to Romani, which has no Telegram code, by name', async () => {
    const h = await telegramHarness(database(), fake());
    const chat = h.person('sr');
    await chat.text('/start');
    expect(texts((await chat.text('/language Srpski')).sent)[0]).toBe(t('sr-Latn', 'common:language_changed'));
    expect(texts((await chat.text('/language Српски')).sent)[0]).toBe(t('sr-Cyrl', 'common:language_changed'));
    expect(texts((await chat.text('/language Romani')).sent)[0]).toBe(t('rom', 'common:language_changed'));
  });

  it('finds a place typed in Cyrillic, without diacritics or with "distrikt", as in Latin', async () => {
    const h = await telegramHarness(database(), fake());
    const chat = h.person('sr');
    await chat.text('/start');
    await chat.press('sr_cyrl');
    await chat.press('agree');
    await chat.text('/menu');
    const list = async (place: string): Promise<string> => {
      await chat.press('services');
      await chat.press('ba');
      const shown = texts((await chat.text(place)).sent);
      await chat.text('/menu');
      return shown.join('\n');
    };
    const latin = await list('Bijeljina');
    expect(await list('Бијељина')).toBe(latin);
    expect(await list('bijeljina')).toBe(latin);
    // A place the directory does not know gets the country-wide services only: a different list.
    const nowhere = await list('Xyzzy');
    expect(nowhere).not.toBe(latin);
    const brcko = await list('Брчко');
    expect(brcko).not.toBe(nowhere);
    expect(await list('Brcko distrikt')).toBe(brcko);
  });

  it('offers all nineteen languages on one page of buttons, without a pager', async () => {
    const h = await telegramHarness(database(), fake());
    const { sent } = await h.person('en').text('/start');
    const ids = idsOf(sent[1]?.params ?? {});
    expect(ids).toHaveLength(realContent().languages.length + 1);
    expect(realContent().languages).toHaveLength(19);
    expect(buttonsOf(sent[1]?.params ?? {}).filter((b) => b.data.startsWith('pg:'))).toEqual([]);
  });
});

describe('buttons on Telegram', () => {
  it('answers the press and edits the question to show the answer, without its keyboard', async () => {
    const h = await telegramHarness(database(), fake());
    const chat = h.person('en');
    await chat.text('/start');
    const question = chat.messageWith('bs');
    const { calls } = await chat.press('bs');
    // The press is answered in the webhook's HTTP response (no request of its own), so it comes last.
    expect(calls.map((c) => c.method)).toEqual(['editMessageText', 'sendMessage', 'sendMessage', 'answerCallbackQuery']);
    expect(calls.at(-1)).toMatchObject({ webhookReply: true, status: 200 });
    expect(calls.filter((c) => c.webhookReply)).toHaveLength(1);
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
    expect(calls.map((c) => c.method)).toEqual(['editMessageReplyMarkup', 'sendMessage', 'answerCallbackQuery']);
    expect(fake().message(chat.user.id, old.message_id)?.text).toBe(old.text);
    expect(fake().message(chat.user.id, old.message_id)?.reply_markup).toBeUndefined();
    // The open question (consent) is asked again, with its own buttons.
    expect(idsOf(sent[0]?.params ?? {})).toEqual(['agree', 'info_only', 'more', 'nav.back', 'nav.menu']);
  });

  it('pages a long list: page buttons re-render the open question and a choice on page 2 works', async () => {
    const h = await telegramHarness(database(), fake());
    // A second channel on the same app with short pages (the flows have no list longer than a page).
    const app = extraTelegram(h, { options: { pageSize: 3 } });
    const chat = new TelegramChat(app, fake(), new FakeUser(fake(), 'en'), SECRET);
    await chat.text('/start');
    await chat.press('en');
    await chat.press('agree');
    const menu = chat.messageWith('about');
    const turned = await chat.post(chat.user.press(menu, 'pg:1'));
    expect(turned.calls.map((c) => c.method)).toEqual(['editMessageReplyMarkup', 'answerCallbackQuery']);
    const page2 = fake().message(chat.user.id, menu.message_id);
    expect(idsOf(page2 ?? {})).toEqual(['safe', 'counsellor', 'status', 'pg:0', 'pg:1', 'pg:2']);
    // The indicator shows the same page: answered, nothing to edit.
    expect((await chat.post(chat.user.press(page2!, 'pg:1'))).calls.map((c) => c.method)).toEqual(['answerCallbackQuery']);
    const chosen = await chat.post(chat.user.press(page2!, 'status'));
    expect(chosen.calls.map((c) => c.method)[0]).toBe('editMessageText');
    expect(chosen.calls.at(-1)?.method).toBe('answerCallbackQuery');
    expect(fake().message(chat.user.id, menu.message_id)?.text).toMatch(/→ My application$/);
  });
});

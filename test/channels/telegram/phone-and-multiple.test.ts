/**
 * What only Telegram does for two kinds of question: the phone number can be shared with the
 * contact button (request_contact) instead of typed, and a multiple choice shows its marks and,
 * on "done", what was chosen.
 */
import { describe, expect, it } from 'vitest';
import { Translator } from '../../../src/i18n/translator.js';
import { realContent } from '../../support/app.js';
import { useTestDatabase } from '../../support/db.js';
import { buttonsOf, type TelegramChat } from '../../support/fake-telegram/index.js';
import { telegramHarness, texts, useFakeTelegram } from './harness.js';

const database = useTestDatabase();
const fake = useFakeTelegram();
const translator = new Translator(realContent());
const label = (key: string): string => translator.label('en', key);

/** Presses `#id` buttons and types the rest; returns the messages of the last step. */
async function walk(chat: TelegramChat, ...steps: string[]): Promise<Array<{ params: Record<string, unknown> }>> {
  let sent: Array<{ params: Record<string, unknown> }> = [];
  for (const step of steps) sent = (step.startsWith('#') ? await chat.press(step.slice(1)) : await chat.text(step)).sent;
  return sent;
}

// A Pakistani in BiH, nothing in the way, through the application up to the help question.
const toHelp = ['/start', '#en', '#agree', '#intake', '#migrant', '#no', '#no', '#no', '30', '#none', '#ba', 'Pakistan', '#own', '#no', '#no', '#no', '#no',
  '#valid_passport', '#agree', '#no', '#no', '#no', '#apply', 'Amir', 'Khan', '#male', '#not_known', 'Bihać', '#lipa', 'Lahore', '0'];

type Markup = { keyboard?: Array<Array<{ text: string; request_contact?: boolean }>>; one_time_keyboard?: boolean; remove_keyboard?: boolean };
const markup = (call: { params: Record<string, unknown> } | undefined): Markup => (call?.params['reply_markup'] ?? {}) as Markup;

describe('the phone question on Telegram', () => {
  it('offers a button that shares the person\'s own number, with Back and Main menu beside it', async () => {
    const h = await telegramHarness(database(), fake());
    const chat = h.person('en');
    const sent = await walk(chat, ...toHelp, '#job', '#done', '#phone');
    expect(texts(sent)).toEqual([translator.t('en', 'application:ask_phone')]);
    expect(markup(sent[0])).toEqual({
      keyboard: [[{ text: label('common:share_phone'), request_contact: true }], [{ text: label('common:nav_back') }, { text: label('common:nav_menu') }]],
      one_time_keyboard: true,
      resize_keyboard: true,
    });
    expect(buttonsOf(sent[0]!.params)).toEqual([]);
  });

  it('takes the shared contact as the answer, then takes the keyboard away', async () => {
    const h = await telegramHarness(database(), fake());
    const chat = h.person('en');
    await walk(chat, ...toHelp, '#job', '#done', '#phone');
    // Telegram sends the number without "+".
    const { sent } = await chat.post(chat.user.contact('38761000000'));
    expect(texts(sent)).toEqual([
      translator.t('en', 'application:phone_noted', { phone: '+38761000000' }),
      translator.t('en', 'application:ask_contact_safe'),
    ]);
    expect(markup(sent[0])).toEqual({ remove_keyboard: true });
  });

  it('does not take someone else\'s contact, or a contact while no phone question is open', async () => {
    const h = await telegramHarness(database(), fake());
    const chat = h.person('en');
    await walk(chat, ...toHelp, '#job', '#done', '#phone');
    const other = await chat.post(chat.user.contact('+38761999999', chat.user.id + 1));
    expect(texts(other.sent)).toEqual([translator.t('en', 'telegram:contact_not_own')]);
    // Still at the phone question: a typed number answers it.
    expect(texts((await chat.text('+387 61 000 000')).sent)[0]).toBe(translator.t('en', 'application:phone_noted', { phone: '+38761000000' }));
    const late = await chat.post(chat.user.contact('38761000000'));
    expect(texts(late.sent)).toEqual([translator.t('en', 'telegram:other')]);
  });

  it('reads the Back button of the keyboard as Back', async () => {
    const h = await telegramHarness(database(), fake());
    const chat = h.person('en');
    await walk(chat, ...toHelp, '#job', '#done', '#phone');
    const { sent } = await chat.text(label('common:nav_back'));
    expect(texts(sent)).toEqual([translator.t('en', 'application:ask_contact_preference')]);
  });
});

describe('a multiple choice on Telegram', () => {
  it('asks again with the chosen marked after each press, and shows the choices under the question on "done"', async () => {
    const h = await telegramHarness(database(), fake());
    const chat = h.person('en');
    await walk(chat, ...toHelp);
    const first = chat.messageWith('job');
    const pressed = await chat.press('job');
    // The pressed question loses its keyboard and shows no answer: the choice is not final yet.
    expect(h.fake.message(chat.user.id, first.message_id)?.text).toBe(first.text);
    const again = pressed.sent.at(-1);
    expect(texts(pressed.sent)).toEqual([translator.t('en', 'common:multi_chosen', { selection: ['job'] })]);
    expect(buttonsOf(again!.params).map((b) => b.text)).toContain(`✓ ${label('answer:job')}`);
    await chat.press('training');
    const question = chat.messageWith('done');
    const done = await chat.press('done');
    expect(h.fake.message(chat.user.id, question.message_id)?.text).toContain(`→ ${label('answer:job')}; ${label('answer:training')}`);
    expect(texts(done.sent)).toEqual([translator.t('en', 'application:ask_contact_preference')]);
  });
});

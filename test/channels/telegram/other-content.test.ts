/** Everything a person can send besides text and button presses gets a kind answer in their language. */
import { describe, expect, it } from 'vitest';
import type { Update } from 'grammy/types';
import { Translator } from '../../../src/i18n/translator.js';
import { realContent } from '../../support/app.js';
import { useTestDatabase } from '../../support/db.js';
import type { FakeUser } from '../../support/fake-telegram/index.js';
import { telegramHarness, texts, useFakeTelegram } from './harness.js';

const database = useTestDatabase();
const fake = useFakeTelegram();
const translator = new Translator(realContent());

const cases: Array<[string, (user: FakeUser) => Update, string]> = [
  ['a photo', (u) => u.photo(), 'telegram:photo'],
  ['a sticker', (u) => u.sticker(), 'telegram:sticker'],
  ['a location', (u) => u.location(), 'telegram:location'],
  ['a document', (u) => u.document(), 'telegram:document'],
  ['a voice note', (u) => u.voice(), 'telegram:voice'],
  ['an edited message', (u) => u.edited('I meant 28'), 'telegram:edited'],
];

describe('other content', () => {
  for (const language of ['en', 'ar']) {
    for (const [what, make, key] of cases) {
      it(`answers ${what} kindly in ${language}`, async () => {
        const h = await telegramHarness(database(), fake());
        const chat = h.person(language);
        await chat.text('/start');
        await chat.press(language);
        const { status, sent } = await chat.post(make(chat.user));
        expect(status).toBe(200);
        expect(texts(sent)).toEqual([translator.t(language, key)]);
      });
    }
  }

  it('answers an album once, not once per photo', async () => {
    const h = await telegramHarness(database(), fake());
    const chat = h.person('en');
    let answers = 0;
    for (let i = 0; i < 4; i++) answers += (await chat.post(chat.user.photo('album-1'))).sent.length;
    expect(answers).toBe(1);
  });

  it('says nothing to a live location moving (a stream of edits)', async () => {
    const h = await telegramHarness(database(), fake());
    const chat = h.person('en');
    const update = chat.user.location();
    const moved = { update_id: update.update_id + 1_000_000, edited_message: { ...update.message, edit_date: 1 } } as Update;
    const { status, calls } = await chat.post(moved);
    expect(status).toBe(200);
    expect(calls).toEqual([]);
  });

  it('does not disturb the open question: the next answer still counts', async () => {
    const h = await telegramHarness(database(), fake());
    const chat = h.person('en');
    await chat.text('/start');
    await chat.post(chat.user.sticker());
    const { sent } = await chat.press('en');
    expect(texts(sent).at(-1)).toBe(translator.t('en', 'consent:ask'));
  });
});

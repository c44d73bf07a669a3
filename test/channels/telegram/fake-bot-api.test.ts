/** The fake Bot API itself: it must catch what real Telegram refuses, or the suites prove nothing. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeTelegram, FakeUser, parseTelegramHtml, SpecChecker } from '../../support/fake-telegram/index.js';

let fake: FakeTelegram;
beforeAll(async () => {
  fake = await FakeTelegram.start();
});
afterAll(async () => {
  await fake.close();
  // Each test took away the violations it provoked on purpose: none may be left.
  expect(fake.violations).toEqual([]);
});

async function call(method: string, params: Record<string, unknown>, token = fake.token): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${fake.apiRoot}/bot${token}/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(params),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

function violationsOf(run: () => Promise<unknown>): Promise<string[]> {
  const before = fake.violations.length;
  return run().then(() => fake.violations.splice(before));
}

describe('the fake Bot API', () => {
  it('accepts a valid sendMessage and answers with a Message that fits the spec', async () => {
    const found = await violationsOf(async () => {
      const { status, body } = await call('sendMessage', {
        chat_id: 42,
        text: '<b>Hello</b> &amp; <a href="https://example.org">welcome</a>',
        parse_mode: 'HTML',
        reply_markup: { inline_keyboard: [[{ text: 'Yes', callback_data: 'yes' }]] },
      });
      expect(status).toBe(200);
      expect(new SpecChecker().checkType('Message', body['result'])).toEqual([]);
      expect(body['result']).toMatchObject({
        text: 'Hello & welcome',
        entities: [
          { type: 'bold', offset: 0, length: 5 },
          { type: 'text_link', offset: 8, length: 7, url: 'https://example.org' },
        ],
      });
    });
    expect(found).toEqual([]);
  });

  it('finds unknown methods, unknown and missing fields, wrong types and a wrong token', async () => {
    const found = await violationsOf(async () => {
      await call('sendMesage', { chat_id: 1, text: 'x' });
      await call('sendMessage', { chat_id: 1, txt: 'x' });
      await call('sendMessage', { chat_id: true, text: 5 });
      await call('getMe', {}, '1:wrong');
      await call('setMyCommands', { commands: [{ command: 'Start', description: '' }], scope: { type: 'everyone' } });
    });
    expect(found.join('\n')).toMatch(/sendMesage: no such method/);
    expect(found.join('\n')).toMatch(/sendMessage\.txt: unknown field/);
    expect(found.join('\n')).toMatch(/sendMessage\.text: required field missing/);
    expect(found.join('\n')).toMatch(/sendMessage\.chat_id: expected Integer/);
    expect(found.join('\n')).toMatch(/wrong token/);
    expect(found.join('\n')).toMatch(/commands\[0\]\.command: only lowercase/);
    expect(found.join('\n')).toMatch(/commands\[0\]\.description: 0 characters, must be 1-256/);
    expect(found.join('\n')).toMatch(/scope\.type: must be "default"/);
  });

  it('finds HTML Telegram cannot parse, texts over 4096 characters after parsing, and callback data over 64 bytes', async () => {
    const found = await violationsOf(async () => {
      await call('sendMessage', { chat_id: 1, text: 'a < b', parse_mode: 'HTML' });
      await call('sendMessage', { chat_id: 1, text: '<p>x</p>', parse_mode: 'HTML' });
      await call('sendMessage', { chat_id: 1, text: '<b>x</i>', parse_mode: 'HTML' });
      await call('sendMessage', { chat_id: 1, text: 'Tom &nbsp; Jerry', parse_mode: 'HTML' });
      await call('sendMessage', { chat_id: 1, text: `<b>${'x'.repeat(4097)}</b>`, parse_mode: 'HTML' });
      await call('sendMessage', { chat_id: 1, text: 'x', reply_markup: { inline_keyboard: [[{ text: 'A', callback_data: 'ع'.repeat(33) }]] } });
    });
    expect(found.join('\n')).toMatch(/bare "<"/);
    expect(found.join('\n')).toMatch(/unsupported start tag "p"/);
    expect(found.join('\n')).toMatch(/unmatched end tag/);
    expect(found.join('\n')).toMatch(/unsupported entity/);
    expect(found.join('\n')).toMatch(/4097 characters, must be 1-4096/);
    expect(found.join('\n')).toMatch(/callback_data: 66 bytes, must be 1-64/);
  });

  it('counts a text after parsing: tags are free, an entity is one character', async () => {
    const found = await violationsOf(() => call('sendMessage', { chat_id: 1, text: `<b>${'&amp;'.repeat(4096)}</b>`, parse_mode: 'HTML' }));
    expect(found).toEqual([]);
  });

  it('parses nested tags into entities with UTF-16 offsets', () => {
    const parsed = parseTelegramHtml('😀 <b>bold <i>both</i></b> <code>x</code> <pre><code class="language-ts">y</code></pre>');
    expect(parsed.problems).toEqual([]);
    expect(parsed.text).toBe('😀 bold both x y');
    expect(parsed.entities).toEqual([
      { type: 'bold', offset: 3, length: 9 },
      { type: 'italic', offset: 8, length: 4 },
      { type: 'code', offset: 13, length: 1 },
      { type: 'pre', offset: 15, length: 1, language: 'ts' },
    ]);
  });

  it('fails on request: 429 with retry_after, 500, and 403 for a chat that blocked the bot', async () => {
    fake.fail('sendMessage', { status: 429, retryAfter: 3 });
    fake.fail('sendMessage', { status: 500 });
    fake.block(77);
    expect(await call('sendMessage', { chat_id: 1, text: 'x' })).toMatchObject({ status: 429, body: { ok: false, error_code: 429, parameters: { retry_after: 3 } } });
    expect(await call('sendMessage', { chat_id: 1, text: 'x' })).toMatchObject({ status: 500, body: { ok: false, error_code: 500 } });
    expect(await call('sendMessage', { chat_id: 77, text: 'x' })).toMatchObject({ status: 403, body: { description: 'Forbidden: bot was blocked by the user' } });
    expect(await call('sendMessage', { chat_id: 1, text: 'x' })).toMatchObject({ status: 200 });
  });

  it('refuses an edit that changes nothing, as Telegram does', async () => {
    const sent = await call('sendMessage', { chat_id: 5, text: 'Hi', reply_markup: { inline_keyboard: [[{ text: 'A', callback_data: 'a' }]] } });
    const id = (sent.body['result'] as { message_id: number }).message_id;
    expect((await call('editMessageReplyMarkup', { chat_id: 5, message_id: id })).status).toBe(200);
    expect((await call('editMessageReplyMarkup', { chat_id: 5, message_id: id })).status).toBe(400);
    expect(fake.message(5, id)?.reply_markup).toBeUndefined();
  });

  it('checks the updates tests build against the spec', () => {
    const before = fake.violations.length;
    const user = new FakeUser(fake, 'en');
    user.text('/start');
    user.photo();
    user.sticker();
    user.location();
    user.document();
    user.voice();
    user.edited('x');
    user.membership('kicked');
    expect(fake.violations.slice(before)).toEqual([]);
    fake.checkUpdate({ update_id: 1, message: { message_id: 1 } } as never);
    expect(fake.violations.splice(before).join('\n')).toMatch(/message\.date: required field missing/);
  });
});

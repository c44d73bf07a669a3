/**
 * "Clear this chat" and /delete remove the conversation from the phone: Telegram lets a bot delete
 * a private chat's messages (the person's and its own) younger than 48 hours, in batches of 100.
 */
import { describe, expect, it } from 'vitest';
import { DELETABLE_MS } from '../../../src/channels/telegram/store/message-log.js';
import { useTestDatabase } from '../../support/db.js';
import { telegramHarness, useFakeTelegram, type Harness } from './harness.js';

const database = useTestDatabase();
const fake = useFakeTelegram();

async function flush(h: Harness): Promise<void> {
  for (let i = 0; i < 5 && (await h.worker.run()) > 0; i++);
}

describe('clearing the chat on the phone', () => {
  it('removes every message younger than 48 hours, the person’s and the bot’s, the last answer included', async () => {
    const h = await telegramHarness(database(), fake());
    const chat = h.person('en');
    await chat.text('/start');
    await chat.press('en');
    await chat.press('agree');
    await chat.text('/help');
    expect(fake().remaining(chat.user.id).length).toBeGreaterThan(4);
    await chat.text('/clear');
    await chat.press('clear');
    await flush(h);
    expect(fake().remaining(chat.user.id)).toEqual([]);
    const calls = fake().callsTo('deleteMessages', chat.user.id);
    expect(calls.length).toBeGreaterThan(0);
    for (const call of calls) expect((call.params['message_ids'] as number[]).length).toBeLessThanOrEqual(100);
  });

  it('leaves what Telegram no longer lets it delete, and says so before', async () => {
    const h = await telegramHarness(database(), fake());
    const chat = h.person('en');
    await chat.text('/start');
    await chat.press('en');
    const old = fake().remaining(chat.user.id);
    h.clock.advance(DELETABLE_MS + 60_000);
    await chat.press('agree');
    const confirm = await chat.text('/clear');
    expect(String(confirm.sent[0]?.params['text'])).toContain('48 hours');
    await chat.press('clear');
    await flush(h);
    expect(fake().remaining(chat.user.id)).toEqual(old);
  });

  it('/delete erases the data and clears the chat too', async () => {
    const h = await telegramHarness(database(), fake());
    const chat = h.person('en');
    await chat.text('/start');
    await chat.press('en');
    await chat.press('agree');
    await chat.text('/delete');
    await chat.press('erase');
    await flush(h);
    expect(fake().remaining(chat.user.id)).toEqual([]);
  });

  it('deletes in batches of at most 100', async () => {
    const h = await telegramHarness(database(), fake());
    const chat = h.person('en');
    await chat.text('/start');
    await chat.press('en');
    for (let i = 0; i < 70; i++) await chat.text('/help');
    await chat.text('/clear');
    await chat.press('clear');
    await flush(h);
    const batches = fake().callsTo('deleteMessages', chat.user.id).map((c) => (c.params['message_ids'] as number[]).length);
    expect(batches.length).toBeGreaterThan(1);
    expect(Math.max(...batches)).toBeLessThanOrEqual(100);
    expect(fake().remaining(chat.user.id)).toEqual([]);
  }, 60_000);
});

/**
 * One person's chat with the app through its webhook: posts the updates a FakeUser makes and
 * returns the Bot API calls the app made while handling each (the app answers the webhook only
 * after it delivered what it could, so they are all in by then).
 */
import type { Hono } from 'hono';
import type { Message, Update } from 'grammy/types';
import type { Call, FakeTelegram } from './server.js';
import type { FakeUser } from './user.js';
import { readChoiceData } from '../../../src/channels/telegram/callback-data.js';

export const WEBHOOK = '/telegram/webhook';
export const SECRET_HEADER = 'X-Telegram-Bot-Api-Secret-Token';

export interface Exchange {
  status: number;
  /** Every Bot API call made while the update was handled. */
  calls: Call[];
  /** The messages sent to this chat, in order. */
  sent: Call[];
}

/** Posts a body to the webhook as Telegram would (JSON, with the secret header unless `secret` is null). */
export function postUpdate(app: Hono, body: unknown, secret: string | null): Promise<Response> {
  return Promise.resolve(
    app.request(WEBHOOK, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(secret !== null ? { [SECRET_HEADER]: secret } : {}) },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    }),
  );
}

/** The callback buttons of a message, row after row. */
export function buttonsOf(message: { reply_markup?: unknown } | Record<string, unknown>): Array<{ text: string; data: string }> {
  const markup = (message as { reply_markup?: { inline_keyboard?: Array<Array<{ text: string; callback_data?: string }>> } }).reply_markup;
  return (markup?.inline_keyboard ?? []).flat().flatMap((b) => (b.callback_data !== undefined ? [{ text: b.text, data: b.callback_data }] : []));
}

export class TelegramChat {
  constructor(
    readonly app: Hono,
    readonly fake: FakeTelegram,
    readonly user: FakeUser,
    readonly secret: string,
  ) {}

  async post(update: Update): Promise<Exchange> {
    const before = this.fake.calls.length;
    const response = await postUpdate(this.app, update, this.secret);
    await this.fake.webhookReply(response);
    const calls = this.fake.calls.slice(before);
    const sent = calls.filter((c) => c.method === 'sendMessage' && Number(c.params['chat_id']) === this.user.id && c.status === 200);
    return { status: response.status, calls, sent };
  }

  text(text: string): Promise<Exchange> {
    return this.post(this.user.text(text));
  }

  /**
   * The newest of the bot's messages here that shows a button with this data, or with this choice
   * id (a choice button's data also carries its question's number: `3|yes`), and that button's data.
   */
  buttonWith(data: string): { message: Message; data: string } {
    const matches = (b: { data: string }) => b.data === data || readChoiceData(b.data).id === data;
    const found = this.fake
      .messages(this.user.id)
      .reverse()
      .find((m) => buttonsOf(m).some(matches));
    const button = found && buttonsOf(found).find(matches);
    if (!found || !button) throw new Error(`no message in chat ${this.user.id} has a button "${data}"`);
    return { message: found, data: button.data };
  }

  /** The newest of the bot's messages here that shows a button with this data (or choice id). */
  messageWith(data: string): Message {
    return this.buttonWith(data).message;
  }

  /** Presses the button with this data (or choice id) on the newest message that shows it. */
  press(data: string): Promise<Exchange> {
    const button = this.buttonWith(data);
    return this.post(this.user.press(button.message, button.data));
  }

  /** Presses the button with this label on the newest message that shows it. */
  pressLabel(label: string): Promise<Exchange> {
    const message = this.fake
      .messages(this.user.id)
      .reverse()
      .find((m) => buttonsOf(m).some((b) => b.text === label));
    const data = message && buttonsOf(message).find((b) => b.text === label)?.data;
    if (!message || data === undefined) throw new Error(`no button "${label}" in chat ${this.user.id}`);
    return this.post(this.user.press(message, data));
  }
}

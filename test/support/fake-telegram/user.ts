/**
 * A person on Telegram, for tests: builds the updates Telegram would send for what they do, each
 * with a fresh update_id, checked against the spec by the fake.
 */
import type { Message, Update } from 'grammy/types';
import type { FakeTelegram } from './server.js';

// Update ids are unique per run: the app dedupes by them across all chats.
let nextUpdateId = 10_000 + Math.floor(Math.random() * 1_000_000) * 100;
let nextChatId = 500_000_000 + Math.floor(Math.random() * 100_000_000);
let nextMessageId = 1_000_000;
let nextQueryId = 1;

export class FakeUser {
  readonly id: number;

  constructor(
    readonly fake: FakeTelegram,
    readonly languageCode?: string,
  ) {
    this.id = nextChatId++;
  }

  get from() {
    return { id: this.id, is_bot: false, first_name: 'Test', ...(this.languageCode ? { language_code: this.languageCode } : {}) };
  }

  get chat() {
    return { id: this.id, type: 'private' as const, first_name: 'Test' };
  }

  private update(content: Partial<Record<Exclude<keyof Update, 'update_id'>, unknown>>): Update {
    const update = { update_id: nextUpdateId++, ...content } as Update;
    this.fake.checkUpdate(update);
    return update;
  }

  private message(content: Partial<Message>): Message {
    return { message_id: nextMessageId++, from: this.from, chat: this.chat, date: Math.floor(Date.now() / 1000), ...content } as Message;
  }

  /** A text message; a leading /command carries its bot_command entity, as Telegram marks it. */
  text(text: string): Update {
    const command = /^\/[A-Za-z0-9_]+(@\w+)?/.exec(text);
    const entities = command ? [{ type: 'bot_command' as const, offset: 0, length: command[0].length }] : undefined;
    return this.update({ message: this.message({ text, ...(entities ? { entities } : {}) }) });
  }

  /** A press on a button of one of the bot's messages (as the chat shows it now). */
  press(message: Message, data: string): Update {
    return this.update({
      callback_query: { id: `q${nextQueryId++}`, from: this.from, message, chat_instance: `ci${this.id}`, data },
    });
  }

  /**
   * A shared contact: by default the person's own (what the request_contact button sends: the
   * number without "+", and their user id); another person's has another user id or none.
   */
  contact(phoneNumber: string, userId: number | null = this.id): Update {
    const contact = { phone_number: phoneNumber, first_name: 'Test', ...(userId !== null ? { user_id: userId } : {}) };
    return this.update({ message: this.message({ contact }) });
  }

  photo(mediaGroupId?: string): Update {
    const photo = [{ file_id: 'AgAD', file_unique_id: 'u1', width: 90, height: 90, file_size: 1000 }];
    return this.update({ message: this.message({ photo, ...(mediaGroupId ? { media_group_id: mediaGroupId } : {}) }) });
  }

  sticker(): Update {
    const sticker = { file_id: 'CAAD', file_unique_id: 'u2', type: 'regular' as const, width: 512, height: 512, is_animated: false, is_video: false };
    return this.update({ message: this.message({ sticker }) });
  }

  location(): Update {
    return this.update({ message: this.message({ location: { latitude: 44.8, longitude: 20.46 } }) });
  }

  document(): Update {
    return this.update({ message: this.message({ document: { file_id: 'BQAD', file_unique_id: 'u3', file_name: 'passport.pdf' } }) });
  }

  voice(): Update {
    return this.update({ message: this.message({ voice: { file_id: 'AwAD', file_unique_id: 'u4', duration: 3 } }) });
  }

  /** An edit of an earlier text message. */
  edited(text: string): Update {
    return this.update({ edited_message: this.message({ text, edit_date: Math.floor(Date.now() / 1000) }) });
  }

  /** The person blocked the bot (`kicked`) or started it again (`member`). */
  membership(status: 'kicked' | 'member'): Update {
    const bot = { id: this.fake.bot.id, is_bot: true, first_name: this.fake.bot.first_name, username: this.fake.bot.username };
    const date = Math.floor(Date.now() / 1000);
    const before = status === 'kicked' ? { status: 'member' as const, user: bot } : { status: 'kicked' as const, user: bot, until_date: 0 };
    const after = status === 'kicked' ? { status: 'kicked' as const, user: bot, until_date: 0 } : { status: 'member' as const, user: bot };
    return this.update({ my_chat_member: { chat: this.chat, from: this.from, date, old_chat_member: before, new_chat_member: after } });
  }
}

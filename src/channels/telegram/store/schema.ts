/**
 * Telegram's own table: the ids of the messages in each private chat (the person's and the bot's),
 * never their text, so "Clear this chat" and erasure can remove them from the phone. Telegram lets a
 * bot delete messages younger than 48 hours; older rows are useless and are dropped as they age.
 */
import { bigint, index, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

export const telegramMessages = pgTable(
  'telegram_messages',
  {
    chatId: text('chat_id').notNull(),
    messageId: bigint('message_id', { mode: 'number' }).notNull(),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [primaryKey({ name: 'telegram_messages_pk', columns: [t.chatId, t.messageId] }), index('telegram_messages_at_idx').on(t.at)],
);

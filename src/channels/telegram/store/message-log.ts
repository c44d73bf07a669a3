/** The message ids of each chat (see schema.ts): written as messages come and go, read to clear a chat. */
import { and, eq, gte, lt, sql } from 'drizzle-orm';
import { groupWrites, type Db } from '../../../db/index.js';
import { telegramMessages } from './schema.js';

/** Telegram lets a bot delete messages in a private chat only while they are younger than this. */
export const DELETABLE_MS = 48 * 60 * 60 * 1000;
/** Kept a little shorter than Telegram's limit: a message at the edge would be refused anyway. */
const MARGIN_MS = 5 * 60 * 1000;

export interface MessageLog {
  record(chatId: number, messageIds: readonly number[], at: Date): Promise<void>;
  /** Ids Telegram still lets the bot delete, oldest first. */
  deletable(chatId: number, now: Date): Promise<number[]>;
  /** Forgets a chat's ids (after clearing it) and every id too old to delete anywhere. */
  forget(chatId: number, now: Date): Promise<void>;
  /** Forgets every id too old to delete (retention). */
  sweep(now: Date): Promise<void>;
}

interface Row {
  chatId: string;
  messageId: number;
  at: Date;
}

export function createMessageLog(db: Db): MessageLog {
  // Every message sent and received is recorded: those of many chats at once go as one statement,
  // in a fixed order (two instances' batches then cannot deadlock on the same ids).
  const write = groupWrites<Row>(async (rows) => {
    rows.sort((a, b) => (a.chatId === b.chatId ? a.messageId - b.messageId : a.chatId < b.chatId ? -1 : 1));
    const values = rows.map((r) => sql`(${r.chatId}, ${r.messageId}::bigint, ${r.at.toISOString()}::timestamptz)`);
    await db.execute(sql`insert into ${telegramMessages} (chat_id, message_id, at) values ${sql.join(values, sql`, `)} on conflict do nothing`);
  });
  return {
    async record(chatId, messageIds, at) {
      if (messageIds.length === 0) return;
      await write(messageIds.map((messageId) => ({ chatId: String(chatId), messageId, at })));
    },
    async deletable(chatId, now) {
      const since = new Date(now.getTime() - DELETABLE_MS + MARGIN_MS);
      const rows = await db
        .select({ id: telegramMessages.messageId })
        .from(telegramMessages)
        .where(and(eq(telegramMessages.chatId, String(chatId)), gte(telegramMessages.at, since)))
        .orderBy(telegramMessages.messageId);
      return rows.map((r) => r.id);
    },
    async forget(chatId, now) {
      await db.delete(telegramMessages).where(eq(telegramMessages.chatId, String(chatId)));
      await this.sweep(now);
    },
    async sweep(now) {
      await db.delete(telegramMessages).where(lt(telegramMessages.at, new Date(now.getTime() - DELETABLE_MS)));
    },
  };
}


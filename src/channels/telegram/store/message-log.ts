/** The message ids of each chat (see schema.ts): written as messages come and go, read to clear a chat. */
import { and, eq, gte, lt } from 'drizzle-orm';
import type { Db } from '../../../db/index.js';
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

export function createMessageLog(db: Db): MessageLog {
  return {
    async record(chatId, messageIds, at) {
      if (messageIds.length === 0) return;
      const rows = messageIds.map((messageId) => ({ chatId: String(chatId), messageId, at }));
      await db.insert(telegramMessages).values(rows).onConflictDoNothing();
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


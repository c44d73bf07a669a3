/** Where each case's Slack card is: Slack's own table (schema.ts), read and written only by this folder. */
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../db/index.js';
import { slackCards, slackThreadPosts } from './schema.js';

export interface CardRef {
  channel: string;
  ts: string;
}

export interface SlackCards {
  /** The card of a case, once posted. */
  of(caseId: string): Promise<CardRef | null>;
  /** The case whose card is the root of this thread. */
  caseOfThread(channel: string, ts: string): Promise<string | null>;
  /** Records a posted card (a repeat of the same post changes nothing). */
  save(caseId: string, card: CardRef, at: Date): Promise<void>;
  /** Records one of the bot's posts in a case's thread. */
  posted(caseId: string, post: CardRef): Promise<void>;
  /** The bot's posts in a case's thread. */
  posts(caseId: string): Promise<CardRef[]>;
  /** Forgets a post (deleted from Slack). */
  forget(post: CardRef): Promise<void>;
}

export function createSlackCards(db: Db): SlackCards {
  return {
    async of(caseId) {
      const [row] = await db.select({ channel: slackCards.channel, ts: slackCards.ts }).from(slackCards).where(eq(slackCards.caseId, caseId));
      return row ?? null;
    },
    async caseOfThread(channel, ts) {
      const [row] = await db
        .select({ caseId: slackCards.caseId })
        .from(slackCards)
        .where(and(eq(slackCards.channel, channel), eq(slackCards.ts, ts)));
      return row?.caseId ?? null;
    },
    async save(caseId, card, at) {
      await db.insert(slackCards).values({ caseId, channel: card.channel, ts: card.ts, postedAt: at }).onConflictDoNothing();
    },
    async posted(caseId, post) {
      await db.insert(slackThreadPosts).values({ caseId, channel: post.channel, ts: post.ts }).onConflictDoNothing();
    },
    async posts(caseId) {
      return db.select({ channel: slackThreadPosts.channel, ts: slackThreadPosts.ts }).from(slackThreadPosts).where(eq(slackThreadPosts.caseId, caseId));
    },
    async forget(post) {
      await db.delete(slackThreadPosts).where(and(eq(slackThreadPosts.channel, post.channel), eq(slackThreadPosts.ts, post.ts)));
    },
  };
}

/**
 * Slack's own table: which message in which channel is a case's card (its thread is the live line).
 * Part of the drizzle schema through drizzle.config.ts; the core's tables know nothing of Slack.
 */
import { index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { cases } from '../../../db/schema.js';

export const slackCards = pgTable(
  'slack_cards',
  {
    caseId: uuid('case_id')
      .primaryKey()
      .references(() => cases.id, { onDelete: 'cascade' }),
    channel: text('channel').notNull(),
    ts: text('ts').notNull(),
    postedAt: timestamp('posted_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [uniqueIndex('slack_cards_thread_uq').on(t.channel, t.ts)],
);

/**
 * Signatures of the requests Slack sent in the last few minutes: a signed request replayed inside
 * Slack's five-minute window is recognised and does nothing a second time.
 */
export const slackRequests = pgTable('slack_requests', {
  signature: text('signature').primaryKey(),
  at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull(),
});

/** When each channel was last pinged with `@here`: an urgent card pings at most once every few minutes. */
export const slackPings = pgTable('slack_pings', {
  channel: text('channel').primaryKey(),
  at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull(),
});

/**
 * The bot's own posts in each case's thread (the person's words relayed, notes): erasure deletes
 * them from Slack. Gone with the case.
 */
export const slackThreadPosts = pgTable(
  'slack_thread_posts',
  {
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    channel: text('channel').notNull(),
    ts: text('ts').notNull(),
  },
  (t) => [uniqueIndex('slack_thread_posts_uq').on(t.channel, t.ts), index('slack_thread_posts_case_idx').on(t.caseId)],
);

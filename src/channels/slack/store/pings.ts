/**
 * `@here` throttled per channel: a flood of urgent cards (or a real rush) pings the counsellors once
 * every few minutes, and the other urgent cards say URGENT without the ping.
 */
import { lt } from 'drizzle-orm';
import type { Db } from '../../../db/index.js';
import { slackPings } from './schema.js';

export const PING_EVERY_MS = 5 * 60 * 1000;

export interface Pings {
  /** True when this post may ping the channel now (and records it), atomically across instances. */
  take(channel: string, at: Date): Promise<boolean>;
}

export function createPings(db: Db): Pings {
  return {
    async take(channel, at) {
      const before = new Date(at.getTime() - PING_EVERY_MS);
      const rows = await db
        .insert(slackPings)
        .values({ channel, at })
        .onConflictDoUpdate({ target: slackPings.channel, set: { at }, setWhere: lt(slackPings.at, before) })
        .returning({ at: slackPings.at });
      return rows.length === 1;
    },
  };
}

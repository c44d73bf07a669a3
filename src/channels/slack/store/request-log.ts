/** Replays of signed Slack requests (see schema.ts `slack_requests`). */
import { lt } from 'drizzle-orm';
import type { Db } from '../../../db/index.js';
import { slackRequests } from './schema.js';

/** Longer than the five minutes a signature is accepted for, either way. */
const KEEP_MS = 15 * 60 * 1000;

export interface RequestLog {
  /** True the first time a signature is seen; false for a replay. */
  firstTime(signature: string, at: Date): Promise<boolean>;
}

export function createRequestLog(db: Db): RequestLog {
  return {
    async firstTime(signature, at) {
      const inserted = await db.insert(slackRequests).values({ signature, at }).onConflictDoNothing().returning({ signature: slackRequests.signature });
      // Old signatures can never be accepted again (their timestamp is out of the window): drop them.
      await db.delete(slackRequests).where(lt(slackRequests.at, new Date(at.getTime() - KEEP_MS)));
      return inserted.length === 1;
    },
  };
}

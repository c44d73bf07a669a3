/** RateLimitStore on drizzle: one row per key and window, counted up atomically. */
import { sql } from 'drizzle-orm';
import type { RateLimitStore } from '../conversation/ports.js';
import type { Db } from './client.js';
import { rateLimits } from './schema.js';

export function createRateLimitStore(db: Db): RateLimitStore {
  return {
    async hit(key, windowMs, at) {
      const windowStart = new Date(Math.floor(at.getTime() / windowMs) * windowMs);
      const [row] = await db
        .insert(rateLimits)
        .values({ key, windowStart, hits: 1 })
        .onConflictDoUpdate({ target: [rateLimits.key, rateLimits.windowStart], set: { hits: sql`${rateLimits.hits} + 1` } })
        .returning({ hits: rateLimits.hits });
      return row?.hits ?? 1;
    },
  };
}

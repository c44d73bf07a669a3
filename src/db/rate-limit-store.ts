/**
 * RateLimitStore on drizzle: one row per key and window, counted up atomically. Hits that arrive
 * together (every update counts one) are counted in one statement; see group-writes.ts.
 */
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { RateLimitStore } from '../conversation/ports.js';
import type { Db } from './client.js';
import { groupCalls } from './group-writes.js';
import { rowsOf } from './raw-rows.js';

interface Hit {
  key: string;
  windowStart: number;
}

const countedRow = z.object({ key: z.string(), window_ms: z.coerce.number(), hits: z.coerce.number() });

const slot = (key: string, windowStart: number): string => `${windowStart} ${key}`;

export function createRateLimitStore(db: Db): RateLimitStore {
  const hit = groupCalls<Hit, number>(async (batch) => {
    // One row per key and window with the number of its hits in the batch, in a fixed order (two
    // instances' batches then lock rows in the same order and cannot deadlock).
    const counts = new Map<string, Hit & { n: number }>();
    for (const h of batch) {
      const s = slot(h.key, h.windowStart);
      const seen = counts.get(s);
      if (seen) seen.n++;
      else counts.set(s, { ...h, n: 1 });
    }
    const rows = [...counts.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, r]) => r);
    const values = rows.map((r) => sql`(${r.key}, ${new Date(r.windowStart).toISOString()}::timestamptz, ${r.n}::int)`);
    const result = await db.execute(sql`insert into rate_limits (key, window_start, hits) values ${sql.join(values, sql`, `)}
      on conflict (key, window_start) do update set hits = rate_limits.hits + excluded.hits
      returning key, (extract(epoch from window_start) * 1000)::bigint as window_ms, hits`);
    const totals = new Map(rowsOf(result, countedRow).map((r) => [slot(r.key, r.window_ms), r.hits]));
    // The callers of one key and window in this batch took its hits in turn.
    const taken = new Map<string, number>();
    return batch.map((h) => {
      const s = slot(h.key, h.windowStart);
      const total = totals.get(s);
      const n = counts.get(s)?.n ?? 1;
      if (total === undefined) throw new Error('rate limits: a hit was not counted');
      const before = taken.get(s) ?? 0;
      taken.set(s, before + 1);
      return total - n + before + 1;
    });
  });
  return {
    hit: (key, windowMs, at) => hit({ key, windowStart: Math.floor(at.getTime() / windowMs) * windowMs }),
  };
}

/**
 * Limits that keep one client from flooding the service (new web conversations from one address,
 * messages from one person): counted in the database, so they hold across instances, in fixed
 * windows. A limit says how long until the next window, for `Retry-After`.
 */
import type { RateLimitStore } from './ports.js';

export interface Limit {
  /** How many hits a window allows. */
  max: number;
  windowMs: number;
}

export type Verdict = { ok: true } | { ok: false; retryAfterSeconds: number; /** The first refusal of this window (say so once). */ first: boolean };

export interface RateLimiter {
  check(key: string, limit: Limit, at: Date): Promise<Verdict>;
}

export function createRateLimiter(store: RateLimitStore): RateLimiter {
  return {
    async check(key, limit, at) {
      const hits = await store.hit(key, limit.windowMs, at);
      if (hits <= limit.max) return { ok: true };
      const windowEnd = (Math.floor(at.getTime() / limit.windowMs) + 1) * limit.windowMs;
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((windowEnd - at.getTime()) / 1000)), first: hits === limit.max + 1 };
    },
  };
}

/** Recent keys, so a person's every update does not hash again (bounded: the oldest go first). */
const recentKeys = new Map<string, string>();
const RECENT_KEYS = 10_000;

/** A key that names a person or an address without keeping it readable (the store keeps keys a while). */
export async function limitKey(kind: string, value: string): Promise<string> {
  const name = `${kind}:${value}`;
  const known = recentKeys.get(name);
  if (known !== undefined) return known;
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(name));
  const key = `${kind}:${Array.from(new Uint8Array(digest).slice(0, 16), (b) => b.toString(16).padStart(2, '0')).join('')}`;
  if (recentKeys.size >= RECENT_KEYS) recentKeys.delete(recentKeys.keys().next().value ?? name);
  recentKeys.set(name, key);
  return key;
}

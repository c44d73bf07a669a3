/**
 * The rate-limit counter on both drivers: hits that arrive together are counted in one statement,
 * and every caller still gets its own count.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createCipher, createStores, generateKey, type Stores } from '../../src/db/index.js';
import { useTestDatabase } from '../support/db.js';

const database = useTestDatabase();
let stores: Stores;
const AT = new Date('2026-05-01T10:00:30Z');
const MINUTE = 60_000;

beforeAll(async () => {
  stores = createStores(database(), await createCipher(generateKey('test')), { clock: () => AT });
});

describe('rate limit store', () => {
  it('gives 20 hits on one key at once the counts 1 to 20, and the next 21', async () => {
    const counts = await Promise.all(Array.from({ length: 20 }, () => stores.rateLimits.hit('k:same', MINUTE, AT)));
    expect([...counts].sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(await stores.rateLimits.hit('k:same', MINUTE, AT)).toBe(21);
  });

  it('counts keys and windows apart, also within one batch', async () => {
    const next = new Date(AT.getTime() + MINUTE);
    const [a, b, a2, c] = await Promise.all([
      stores.rateLimits.hit('k:a', MINUTE, AT),
      stores.rateLimits.hit('k:b', MINUTE, AT),
      stores.rateLimits.hit('k:a', MINUTE, next),
      stores.rateLimits.hit('k:c', 10 * MINUTE, AT),
    ]);
    expect([a, b, a2, c]).toEqual([1, 1, 1, 1]);
    expect(await stores.rateLimits.hit('k:a', MINUTE, new Date(AT.getTime() + 20_000))).toBe(2);
  });
});

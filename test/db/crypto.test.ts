import { describe, expect, it } from 'vitest';
import { createCipher, datedKeyId, generateKey, parseKeyRing } from '../../src/db/crypto.js';

const keyA = generateKey('a');
const keyB = generateKey('b');

describe('cipher', () => {
  it('round-trips text, with a fresh iv each time', async () => {
    const cipher = await createCipher(keyA);
    const plain = 'Amira Hadžić, 1990-04-02, +387 61 000 000 — مرحبا 👋';
    const one = await cipher.encrypt(plain);
    const two = await cipher.encrypt(plain);
    expect(one).not.toBe(two);
    expect(one).toMatch(/^v1\.a\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(one).not.toContain('Amira');
    expect(await cipher.decrypt(one)).toBe(plain);
    expect(await cipher.decrypt(await cipher.encrypt(''))).toBe('');
  });

  it('keeps old values readable after a new key is prepended', async () => {
    const before = await createCipher(keyA);
    const old = await before.encrypt('before rotation');
    const after = await createCipher(`${keyB}, ${keyA}`);
    expect(await after.decrypt(old)).toBe('before rotation');
    const fresh = await after.encrypt('after rotation');
    expect(fresh.startsWith('v1.b.')).toBe(true);
    await expect(before.decrypt(fresh)).rejects.toThrow(/no key "b"/);
  });

  it('detects tampering with the data, the iv or the key id', async () => {
    const cipher = await createCipher(`${keyA},${keyB}`);
    const stored = await cipher.encrypt('secret');
    const [v, kid, iv, data] = stored.split('.') as [string, string, string, string];
    const flip = (s: string) => (s[0] === 'A' ? 'B' : 'A') + s.slice(1);
    await expect(cipher.decrypt([v, kid, iv, flip(data)].join('.'))).rejects.toThrow(/altered/);
    await expect(cipher.decrypt([v, kid, flip(iv), data].join('.'))).rejects.toThrow(/altered|damaged/);
    // Relabelled to another key of the ring: the header is authenticated.
    await expect(cipher.decrypt([v, 'b', iv, data].join('.'))).rejects.toThrow(/altered/);
    await expect(cipher.decrypt('plain text')).rejects.toThrow(/not an encrypted value/);
  });

  it('names an unknown key id clearly', async () => {
    const stored = await (await createCipher(keyA)).encrypt('x');
    const other = await createCipher(keyB);
    await expect(other.decrypt(stored)).rejects.toThrow('no key "a" in DATA_ENCRYPTION_KEY (it has b)');
  });
});

describe('parseKeyRing', () => {
  const key32 = btoa(String.fromCharCode(...new Uint8Array(32).fill(7)));

  it('parses entries in order, current first', () => {
    const ring = parseKeyRing(` new:${key32} , old:${key32.replaceAll('=', '')}`);
    expect(ring.map((e) => e.kid)).toEqual(['new', 'old']);
    expect(ring[0].key).toHaveLength(32);
  });

  it('rejects bad rings with errors that name the entry and never the key', () => {
    expect(() => parseKeyRing('')).toThrow(/empty/);
    expect(() => parseKeyRing(key32)).toThrow(/entry 1: expected "kid:base64key"/);
    expect(() => parseKeyRing(`a:${btoa('short')}`)).toThrow(/must be 32 bytes, got 5/);
    expect(() => parseKeyRing('a:not*base64!')).toThrow(/not valid base64/);
    expect(() => parseKeyRing(`a:${key32},a:${key32}`)).toThrow(/entry 2: duplicate key id "a"/);
    expect(() => parseKeyRing(`a.b:${key32}`)).toThrow(/key id must be/);
    try {
      parseKeyRing(`a:${key32.slice(0, 20)}`);
    } catch (error) {
      expect(String(error)).not.toContain(key32.slice(0, 20));
    }
  });

  it('generates keys it can parse', () => {
    const generated = generateKey(datedKeyId(new Date('2026-12-03T10:00:00Z')));
    expect(generated).toMatch(/^k20261203[0-9a-f]{4}:/);
    expect(generateKey()).toMatch(/^k[0-9a-f]{8}:/);
    expect(parseKeyRing(generated)[0].key).toHaveLength(32);
  });
});

describe('cipher with Node’s synchronous AES-GCM', () => {
  it('writes what WebCrypto reads and reads what it writes, and detects tampering the same way', async () => {
    const { nodeAesGcm } = await import('../../src/node/aes-gcm.js');
    const web = await createCipher(keyA);
    const node = await createCipher(keyA, { aesGcm: nodeAesGcm });
    const plain = 'Amira Hadžić — مرحبا 👋';
    expect(await web.decrypt(await node.encrypt(plain))).toBe(plain);
    expect(await node.decrypt(await web.encrypt(plain))).toBe(plain);
    expect(await node.decrypt(await node.encrypt(''))).toBe('');
    const stored = await node.encrypt('secret');
    const [v, kid, iv, data] = stored.split('.') as [string, string, string, string];
    const flip = (s: string) => (s[0] === 'A' ? 'B' : 'A') + s.slice(1);
    await expect(node.decrypt([v, kid, iv, flip(data)].join('.'))).rejects.toThrow(/altered/);
    await expect(node.decrypt([v, kid, iv, 'AAAA'].join('.'))).rejects.toThrow(/altered/);
  });
});

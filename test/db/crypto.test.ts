import { describe, expect, it } from 'vitest';
import { createCipher, datedKeyId, generateKey, parseKeyRing } from '../../src/db/crypto.js';

const keyA = generateKey('a');
const keyB = generateKey('b');

const ROW = 'cases.personal_enc:0b5e';

describe('cipher', () => {
  it('round-trips text, with a fresh iv each time', async () => {
    const cipher = await createCipher(keyA);
    const plain = 'Amira Hadžić, 1990-04-02, +387 61 000 000 — مرحبا 👋';
    const one = await cipher.encrypt(plain, ROW);
    const two = await cipher.encrypt(plain, ROW);
    expect(one).not.toBe(two);
    expect(one).toMatch(/^v2\.a\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(one).not.toContain('Amira');
    expect(await cipher.decrypt(one, ROW)).toBe(plain);
    expect(await cipher.decrypt(await cipher.encrypt('', ROW), ROW)).toBe('');
  });

  it('binds a value to its row and column: copied elsewhere, it does not decrypt', async () => {
    const cipher = await createCipher(keyA);
    const stored = await cipher.encrypt('Amira', 'cases.personal_enc:case-1');
    await expect(cipher.decrypt(stored, 'cases.personal_enc:case-2')).rejects.toThrow(/moved from another row|altered/);
    await expect(cipher.decrypt(stored, 'sessions.state_enc:case-1')).rejects.toThrow(/altered/);
    expect(await cipher.decrypt(stored, 'cases.personal_enc:case-1')).toBe('Amira');
  });

  it('still opens values written before contexts were bound (v1)', async () => {
    // A v1 value as the earlier version wrote it: AES-GCM with the header alone as additional data.
    const raw = parseKeyRing(keyA)[0].key;
    const key = await crypto.subtle.importKey('raw', raw as BufferSource, 'AES-GCM', false, ['encrypt']);
    const iv = crypto.getRandomValues(new Uint8Array(12));
    const data = await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: new TextEncoder().encode('v1.a') }, key, new TextEncoder().encode('old value'));
    const b64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes)).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
    const legacy = `v1.a.${b64(iv)}.${b64(new Uint8Array(data))}`;
    expect(await (await createCipher(keyA)).decrypt(legacy, 'any context')).toBe('old value');
  });

  it('keeps old values readable after a new key is prepended', async () => {
    const before = await createCipher(keyA);
    const old = await before.encrypt('before rotation', ROW);
    const after = await createCipher(`${keyB}, ${keyA}`);
    expect(await after.decrypt(old, ROW)).toBe('before rotation');
    const fresh = await after.encrypt('after rotation', ROW);
    expect(fresh.startsWith('v2.b.')).toBe(true);
    await expect(before.decrypt(fresh, ROW)).rejects.toThrow(/no key "b"/);
  });

  it('detects tampering with the data, the iv or the key id', async () => {
    const cipher = await createCipher(`${keyA},${keyB}`);
    const stored = await cipher.encrypt('secret', ROW);
    const [v, kid, iv, data] = stored.split('.') as [string, string, string, string];
    const flip = (s: string) => (s[0] === 'A' ? 'B' : 'A') + s.slice(1);
    await expect(cipher.decrypt([v, kid, iv, flip(data)].join('.'), ROW)).rejects.toThrow(/altered/);
    await expect(cipher.decrypt([v, kid, flip(iv), data].join('.'), ROW)).rejects.toThrow(/altered|damaged/);
    // Relabelled to another key of the ring: the header is authenticated.
    await expect(cipher.decrypt([v, 'b', iv, data].join('.'), ROW)).rejects.toThrow(/altered/);
    await expect(cipher.decrypt('plain text', ROW)).rejects.toThrow(/not an encrypted value/);
  });

  it('names an unknown key id clearly', async () => {
    const stored = await (await createCipher(keyA)).encrypt('x', ROW);
    const other = await createCipher(keyB);
    await expect(other.decrypt(stored, ROW)).rejects.toThrow('no key "a" in DATA_ENCRYPTION_KEY (it has b)');
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
    const at = 'cases.personal_enc|c1';
    expect(await web.decrypt(await node.encrypt(plain, at), at)).toBe(plain);
    expect(await node.decrypt(await web.encrypt(plain, at), at)).toBe(plain);
    expect(await node.decrypt(await node.encrypt('', at), at)).toBe('');
    // The context binds with either implementation.
    await expect(node.decrypt(await web.encrypt(plain, at), 'cases.personal_enc|c2')).rejects.toThrow(/moved from another row/);
    const stored = await node.encrypt('secret', at);
    const [v, kid, iv, data] = stored.split('.') as [string, string, string, string];
    const flip = (s: string) => (s[0] === 'A' ? 'B' : 'A') + s.slice(1);
    await expect(node.decrypt([v, kid, iv, flip(data)].join('.'), at)).rejects.toThrow(/altered/);
    await expect(node.decrypt([v, kid, iv, 'AAAA'].join('.'), at)).rejects.toThrow(/altered/);
  });
});

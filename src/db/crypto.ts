/**
 * Encryption at rest for personal data: AES-256-GCM through WebCrypto, so the same code runs on
 * Node and Workers. Keys come from a key ring (`DATA_ENCRYPTION_KEY`): comma-separated
 * `kid:base64key` entries, the first one encrypts, any of them decrypts. Rotate by prepending a
 * new key; old values stay readable as long as their key stays in the ring.
 *
 * Stored format: `v1.<kid>.<iv base64url>.<ciphertext+tag base64url>`. The `v1.<kid>` header is
 * authenticated too (as additional data), so a value cannot be relabelled to another key.
 */

export interface Cipher {
  /**
   * Encrypts text for one place: `context` names the table, column and row it is stored in
   * (sealed.ts), and is authenticated with it, so a value copied into another row or column does
   * not decrypt.
   */
  encrypt(plain: string, context: string): Promise<string>;
  /** Decrypts a value made by `encrypt` for the same context, with any key of the ring; throws when it was altered or moved. */
  decrypt(stored: string, context: string): Promise<string>;
}

export interface KeyRingEntry {
  kid: string;
  key: Uint8Array;
}

/** The keys, current (encrypting) one first. */
export type KeyRing = readonly [KeyRingEntry, ...KeyRingEntry[]];

/** Values are `v2.<kid>.<iv>.<data>`, authenticated with their context; `v1` values (no context) still open. */
const VERSION = 'v2';
const LEGACY = 'v1';
const KEY_BYTES = 32;
const IV_BYTES = 12;
const KID = /^[A-Za-z0-9_-]{1,32}$/;

/** Parses `kid:base64key[,kid:base64key...]`. Errors name the entry, never the key material. */
export function parseKeyRing(text: string): KeyRing {
  const parts = text
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
  if (parts.length === 0) throw new Error('DATA_ENCRYPTION_KEY is empty: expected "kid:base64key[,kid:base64key...]"');
  const seen = new Set<string>();
  const entries = parts.map((part, index): KeyRingEntry => {
    const place = `DATA_ENCRYPTION_KEY entry ${index + 1}`;
    const colon = part.indexOf(':');
    if (colon < 0) throw new Error(`${place}: expected "kid:base64key"`);
    const kid = part.slice(0, colon).trim();
    const encoded = part.slice(colon + 1).trim();
    if (!KID.test(kid)) throw new Error(`${place}: key id must be 1-32 characters of A-Z a-z 0-9 _ -`);
    if (seen.has(kid)) throw new Error(`${place}: duplicate key id "${kid}"`);
    seen.add(kid);
    let key: Uint8Array;
    try {
      key = fromBase64(encoded);
    } catch {
      throw new Error(`${place} ("${kid}"): the key is not valid base64`);
    }
    if (key.length !== KEY_BYTES) {
      throw new Error(`${place} ("${kid}"): the key must be ${KEY_BYTES} bytes, got ${key.length}`);
    }
    return { kid, key };
  });
  return entries as unknown as KeyRing;
}

/** A key id that says when the key was made (`k20261203ab12`): rotation lists read oldest to newest. */
export function datedKeyId(on: Date): string {
  return `k${on.toISOString().slice(0, 10).replaceAll('-', '')}${toHex(randomBytes(2))}`;
}

/** A new random key ring entry, `kid:base64key`, to prepend to DATA_ENCRYPTION_KEY. */
export function generateKey(kid?: string): string {
  const id = kid ?? `k${toHex(randomBytes(4))}`;
  if (!KID.test(id)) throw new Error('generateKey: key id must be 1-32 characters of A-Z a-z 0-9 _ -');
  return `${id}:${toBase64(randomBytes(KEY_BYTES))}`;
}

/**
 * AES-256-GCM done synchronously, where the platform has it (Node's `node:crypto`, see
 * src/node/aes-gcm.ts): the same algorithm and format as WebCrypto's, without a promise and a
 * thread-pool hop per value, which cost more than the encryption of a short text. `seal` returns
 * the ciphertext followed by the 16-byte tag, as WebCrypto does; `open` throws when it was altered.
 */
export interface AesGcm {
  seal(key: Uint8Array, iv: Uint8Array, aad: Uint8Array, plain: Uint8Array): Uint8Array;
  open(key: Uint8Array, iv: Uint8Array, aad: Uint8Array, sealed: Uint8Array): Uint8Array;
}

export interface CipherOptions {
  /** A synchronous AES-GCM; without it WebCrypto does the work (Workers). */
  aesGcm?: AesGcm;
}

/** Builds a cipher from the key ring text (DATA_ENCRYPTION_KEY) or a parsed ring. */
export async function createCipher(ring: string | KeyRing, options: CipherOptions = {}): Promise<Cipher> {
  const entries = typeof ring === 'string' ? parseKeyRing(ring) : ring;
  const keys = new Map<string, AeadKey>();
  for (const entry of entries) {
    keys.set(entry.kid, options.aesGcm ? syncKey(options.aesGcm, entry.key) : await webCryptoKey(entry.key));
  }
  return new AesGcmCipher(entries[0].kid, keys);
}

/** One key of the ring, able to seal and open (ciphertext and tag together). */
interface AeadKey {
  seal(iv: Uint8Array, aad: Uint8Array, plain: Uint8Array): Uint8Array | Promise<Uint8Array>;
  open(iv: Uint8Array, aad: Uint8Array, sealed: Uint8Array): Uint8Array | Promise<Uint8Array>;
}

function syncKey(aesGcm: AesGcm, key: Uint8Array): AeadKey {
  const raw = new Uint8Array(key);
  return {
    seal: (iv, aad, plain) => aesGcm.seal(raw, iv, aad, plain),
    open: (iv, aad, sealed) => aesGcm.open(raw, iv, aad, sealed),
  };
}

async function webCryptoKey(raw: Uint8Array): Promise<AeadKey> {
  const key = await subtle().importKey('raw', raw as BufferSource, 'AES-GCM', false, ['encrypt', 'decrypt']);
  return {
    seal: async (iv, aad, plain) =>
      new Uint8Array(await subtle().encrypt({ name: 'AES-GCM', iv: iv as BufferSource, additionalData: aad as BufferSource }, key, plain as BufferSource)),
    open: async (iv, aad, sealed) =>
      new Uint8Array(await subtle().decrypt({ name: 'AES-GCM', iv: iv as BufferSource, additionalData: aad as BufferSource }, key, sealed as BufferSource)),
  };
}

class AesGcmCipher implements Cipher {
  readonly #current: string;
  readonly #keys: ReadonlyMap<string, AeadKey>;

  constructor(current: string, keys: ReadonlyMap<string, AeadKey>) {
    this.#current = current;
    this.#keys = keys;
  }

  async encrypt(plain: string, context: string): Promise<string> {
    const key = this.#keys.get(this.#current);
    if (!key) throw new Error('cipher: the current key is missing');
    const header = `${VERSION}.${this.#current}`;
    const iv = randomIv();
    const sealed = await key.seal(iv, utf8.encode(`${header}|${context}`), utf8.encode(plain));
    return `${header}.${toBase64Url(iv)}.${toBase64Url(sealed)}`;
  }

  async decrypt(stored: string, context: string): Promise<string> {
    const parts = stored.split('.');
    if (parts.length !== 4 || (parts[0] !== VERSION && parts[0] !== LEGACY)) {
      throw new Error(`cipher: not an encrypted value (expected "${VERSION}.<kid>.<iv>.<data>")`);
    }
    const [version, kid = '', ivText = '', dataText = ''] = parts;
    // Values written before contexts were bound (v1) are authenticated with their header only.
    const additional = version === LEGACY ? `${LEGACY}.${kid}` : `${VERSION}.${kid}|${context}`;
    const key = this.#keys.get(kid);
    if (!key) {
      throw new Error(
        `cipher: no key "${kid}" in DATA_ENCRYPTION_KEY (it has ${[...this.#keys.keys()].join(', ')}); ` +
          'a rotated-out key is still needed for values encrypted with it',
      );
    }
    let iv: Uint8Array;
    let data: Uint8Array;
    try {
      iv = fromBase64Url(ivText);
      data = fromBase64Url(dataText);
    } catch {
      throw new Error('cipher: the encrypted value is damaged (bad base64)');
    }
    if (iv.length !== IV_BYTES) throw new Error('cipher: the encrypted value is damaged (bad iv)');
    let plain: Uint8Array;
    try {
      plain = await key.open(iv, utf8.encode(additional), data);
    } catch {
      throw new Error(`cipher: decryption failed with key "${kid}": the value was altered, moved from another row, or the key is not the one it was encrypted with`);
    }
    return utf8Strict.decode(plain);
  }
}

const utf8 = new TextEncoder();
const utf8Strict = new TextDecoder('utf-8', { fatal: true });

function subtle(): SubtleCrypto {
  const s = globalThis.crypto?.subtle;
  if (!s) throw new Error('cipher: WebCrypto (globalThis.crypto.subtle) is not available');
  return s;
}

function randomBytes(n: number): Uint8Array {
  return globalThis.crypto.getRandomValues(new Uint8Array(n));
}

function toHex(bytes: Uint8Array): string {
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

/** Random IVs cut from a pool refilled 4 KiB at a time: one call into the CSPRNG per 341 values. */
let ivPool: Uint8Array = new Uint8Array(0);
let ivOffset = 0;
function randomIv(): Uint8Array {
  if (ivOffset + IV_BYTES > ivPool.length) {
    ivPool = randomBytes(4096);
    ivOffset = 0;
  }
  ivOffset += IV_BYTES;
  return ivPool.subarray(ivOffset - IV_BYTES, ivOffset);
}

/** Node's Buffer (Workers have it too with nodejs_compat): native base64, instead of the loops below. */
const NativeBuffer = (globalThis as { Buffer?: typeof Buffer }).Buffer;

/** The stored values' base64url, natively where the platform has it. */
function toBase64Url(bytes: Uint8Array): string {
  if (NativeBuffer) return NativeBuffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64url');
  return toBase64UrlPortable(bytes);
}

function fromBase64Url(text: string): Uint8Array {
  // Buffer skips characters that are not base64; a stored value with them is damaged, as before.
  if (NativeBuffer && /^[A-Za-z0-9_-]*$/.test(text) && text.length % 4 !== 1) return new Uint8Array(NativeBuffer.from(text, 'base64url'));
  return fromBase64(text);
}

function toBase64UrlPortable(bytes: Uint8Array): string {
  return toBase64(bytes).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

/** Accepts standard and url-safe base64, padded or not; throws on anything else. */
function fromBase64(text: string): Uint8Array {
  if (!/^[A-Za-z0-9+/_-]*={0,2}$/.test(text) || text.replace(/=+$/, '').length % 4 === 1) {
    throw new Error('invalid base64');
  }
  const standard = text.replaceAll('-', '+').replaceAll('_', '/').replace(/=+$/, '');
  const binary = atob(standard + '='.repeat((4 - (standard.length % 4)) % 4));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/**
 * Web chat tokens. The server issues them (`POST /api/chat/session`) as `<id>.<signature>`: 24
 * random bytes and their HMAC-SHA-256, both base64url. The page cannot mint one, so every
 * conversation starts with a request the host can count and limit (per address); a token it did
 * not sign is refused. WebCrypto only: the same code runs on Node and Workers.
 *
 * The contact is the SHA-256 of the whole token: neither the token nor its id reaches the service.
 */

const ID_BYTES = 24;
const utf8 = new TextEncoder();
/** HKDF labels: the signing key is derived, never the secret itself, so a shared secret stays separate. */
const SALT = utf8.encode('avrr web chat token');
const INFO = utf8.encode('hmac-sha256 v1');
const SHAPE = /^([A-Za-z0-9_-]{32})\.([A-Za-z0-9_-]{43})$/;

/** The secret as bytes; throws when it is too short to sign with. */
export function secretBytes(secret: string | Uint8Array): Uint8Array {
  const bytes = typeof secret === 'string' ? utf8.encode(secret) : secret;
  if (bytes.length < 32) throw new Error(`web chat token secret: expected at least 32 bytes, got ${bytes.length}`);
  return bytes;
}

/** The HMAC key for tokens, derived (HKDF-SHA-256) from a secret of at least 32 bytes. */
export async function tokenKeyFrom(secret: string | Uint8Array): Promise<CryptoKey> {
  const bytes = secretBytes(secret);
  const base = await crypto.subtle.importKey('raw', bytes as BufferSource, 'HKDF', false, ['deriveKey']);
  return crypto.subtle.deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt: SALT, info: INFO },
    base,
    { name: 'HMAC', hash: 'SHA-256', length: 256 },
    false,
    ['sign', 'verify'],
  );
}

/** A new token signed with `key`. */
export async function issueToken(key: CryptoKey): Promise<string> {
  const id = toBase64Url(crypto.getRandomValues(new Uint8Array(ID_BYTES)));
  const signature = new Uint8Array(await crypto.subtle.sign('HMAC', key, utf8.encode(id)));
  return `${id}.${toBase64Url(signature)}`;
}

/** True when `token` was issued with `key` (WebCrypto's verify compares in constant time). */
export async function verifyToken(key: CryptoKey, token: string): Promise<boolean> {
  const match = SHAPE.exec(token);
  if (!match) return false;
  const [, id = '', signature = ''] = match;
  const bytes = fromBase64Url(signature);
  // 43 characters carry 2 bits more than 32 bytes: only the canonical spelling counts, or one
  // issued token would give four contacts (and four times any per-token limit).
  if (toBase64Url(bytes) !== signature) return false;
  return crypto.subtle.verify('HMAC', key, bytes as BufferSource, utf8.encode(id));
}

/** Hex SHA-256 of the browser's token: the only form in which it reaches the service or the database. */
export async function hashToken(token: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', utf8.encode(token));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

/** Only ever called on 43 characters of [A-Za-z0-9_-] (SHAPE): atob cannot fail on them. */
function fromBase64Url(text: string): Uint8Array {
  const binary = atob(text.replaceAll('-', '+').replaceAll('_', '/'));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

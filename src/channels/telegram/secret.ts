/** The header Telegram sends with the secret given to `setWebhook`. */
export const SECRET_HEADER = 'x-telegram-bot-api-secret-token';

/** Telegram's longest secret (`setWebhook`'s secret_token: 1-256 characters, checked in env.ts). */
const MAX_SECRET = 256;

/**
 * Whether the header carries the webhook secret, compared in constant time: every position up to
 * the longest possible secret is compared whatever the two lengths are, so neither the position of
 * the first difference nor the secret's length shows in the timing. Plain code, so it runs on Node
 * and Workers alike; it replaced SHA-256 of both through WebCrypto, a thread-pool job per request.
 */
export async function secretMatches(header: string | undefined, secret: string | undefined): Promise<boolean> {
  if (secret === undefined || header === undefined) return false;
  let difference = header.length ^ secret.length;
  for (let i = 0; i < MAX_SECRET; i++) difference |= (header.charCodeAt(i) | 0) ^ (secret.charCodeAt(i) | 0);
  return difference === 0;
}

/** The header Telegram sends with the secret given to `setWebhook`. */
export const SECRET_HEADER = 'x-telegram-bot-api-secret-token';

const encoder = new TextEncoder();

async function digest(text: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(text)));
}

/**
 * Whether the header carries the webhook secret, compared in constant time: both sides are hashed
 * first, so neither the position of the first difference nor the secret's length shows in the
 * timing. Web Crypto only, so it runs on Node and Workers alike.
 */
export async function secretMatches(header: string | undefined, secret: string | undefined): Promise<boolean> {
  if (secret === undefined || header === undefined) return false;
  const [a, b] = await Promise.all([digest(header), digest(secret)]);
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return difference === 0;
}

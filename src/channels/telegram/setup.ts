import type { Api } from 'grammy';
import { WEBHOOK_PATH } from './webhook.js';

/** The updates the channel handles; Telegram sends no others. */
export const ALLOWED_UPDATES = ['message', 'edited_message', 'callback_query', 'my_chat_member'] as const;

/** Where Telegram posts updates, under the public URL (which may have a path of its own). */
export function webhookUrl(publicUrl: string): string {
  return publicUrl.replace(/\/+$/, '') + WEBHOOK_PATH;
}

/** Points Telegram at our webhook, with the secret it must send back and the updates we want. */
export async function registerWebhook(api: Api, publicUrl: string, secret: string): Promise<string> {
  const url = webhookUrl(publicUrl);
  await api.setWebhook(url, { secret_token: secret, allowed_updates: [...ALLOWED_UPDATES] });
  return url;
}

import { GrammyError, type Api } from 'grammy';
import type { Deliverer, DeliveryResult } from '../../conversation/outbox-worker.js';
import type { BlockedChats } from './blocked-chats.js';
import { payloadSchema } from './outbox-item.js';
import { apiSignal } from './signal.js';

export interface DelivererDeps {
  api: Api;
  blocked: BlockedChats;
  /** The person blocked the bot or deleted their account: nothing more is sent to them. */
  onUnreachable(chatId: number): Promise<void>;
  /** Longest wait for one Bot API call (default 10 s). */
  timeoutMs?: number;
}

/** Telegram's answer to a failed call, as the outbox worker needs it. */
export function deliveryFailure(error: unknown): DeliveryResult & { ok: false } {
  if (!(error instanceof GrammyError)) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
  const message = `${error.error_code} ${error.description}`;
  if (error.error_code === 429) {
    return { ok: false, error: message, retryAfterMs: (error.parameters.retry_after ?? 1) * 1000 };
  }
  // 400 (chat not found, text rejected) and 403 (blocked, deactivated) will not get better by waiting.
  if (error.error_code === 400 || error.error_code === 403) return { ok: false, error: message, permanent: true };
  return { ok: false, error: message };
}

/**
 * Sends one queued message: its parts in order, the keyboard under the last. A part that went out
 * before a failure goes out again on the next try (at least once, as the outbox promises).
 */
export function createDeliverer(deps: DelivererDeps): Deliverer {
  const timeoutMs = deps.timeoutMs ?? 10_000;
  return async (item) => {
    const parsed = payloadSchema.safeParse(item.payload);
    if (!parsed.success) return { ok: false, error: `bad payload: ${parsed.error.message}`, permanent: true };
    const { chatId, parts, keyboard, replyKeyboard, removeKeyboard } = parsed.data;
    const markup = keyboard
      ? { reply_markup: { inline_keyboard: keyboard } }
      : replyKeyboard
        ? { reply_markup: { keyboard: replyKeyboard, one_time_keyboard: true, resize_keyboard: true } }
        : removeKeyboard
          ? { reply_markup: { remove_keyboard: true as const } }
          : {};
    if (deps.blocked.has(chatId)) return { ok: false, error: 'the person blocked the bot', permanent: true };
    try {
      for (const [i, text] of parts.entries()) {
        const last = i === parts.length - 1;
        await deps.api.sendMessage(
          chatId,
          text,
          {
            parse_mode: 'HTML',
            link_preview_options: { is_disabled: true },
            ...(last ? markup : {}),
          },
          apiSignal(AbortSignal.timeout(timeoutMs)),
        );
      }
      return { ok: true };
    } catch (error) {
      if (error instanceof GrammyError && error.error_code === 403) {
        deps.blocked.add(chatId);
        await deps.onUnreachable(chatId);
      }
      return deliveryFailure(error);
    }
  };
}

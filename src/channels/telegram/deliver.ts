import { GrammyError, type Api } from 'grammy';
import { z } from 'zod';
import type { Deliverer, DeliveryResult } from '../../conversation/outbox-worker.js';
import type { BlockedChats } from './blocked-chats.js';
import { contactOf } from './context.js';
import { payloadSchema } from './outbox-item.js';
import type { MessageLog } from './store/message-log.js';
import { apiSignal } from './signal.js';

export interface DelivererDeps {
  api: Api;
  blocked: BlockedChats;
  /** Longest wait for one Bot API call (default 10 s). */
  timeoutMs?: number;
  /** Where the ids of sent messages go (to clear the chat later). */
  log: MessageLog;
  clock: () => Date;
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
        const sent = await deps.api.sendMessage(
          chatId,
          text,
          {
            parse_mode: 'HTML',
            link_preview_options: { is_disabled: true },
            ...(last ? markup : {}),
          },
          apiSignal(AbortSignal.timeout(timeoutMs)),
        );
        await deps.log.record(chatId, [sent.message_id], deps.clock());
      }
      return { ok: true };
    } catch (error) {
      const failure = deliveryFailure(error);
      if (error instanceof GrammyError && error.error_code === 403) {
        // Blocked, or the account is gone: the core marks the person unreachable.
        deps.blocked.add(chatId);
        return { ...failure, unreachable: contactOf(chatId) };
      }
      return failure;
    }
  };
}

/** What is queued to clear a chat: its id; the message ids are read when it runs. */
export const clearPayload = z.object({ chatId: z.number().int() });

/** Telegram takes at most this many ids per deleteMessages call. */
const DELETE_BATCH = 100;

/**
 * Clears a chat: deletes every message Telegram still lets the bot delete (younger than 48 hours;
 * the person's and the bot's), in batches, then forgets the chat's ids. Ids Telegram no longer
 * knows are skipped by Telegram itself; a retry after a partial run deletes the rest.
 */
export function createClearer(deps: Omit<DelivererDeps, 'timeoutMs'>): Deliverer {
  return async (item) => {
    const parsed = clearPayload.safeParse(item.payload);
    if (!parsed.success) return { ok: false, error: `bad payload: ${parsed.error.message}`, permanent: true };
    const { chatId } = parsed.data;
    const now = deps.clock();
    const ids = await deps.log.deletable(chatId, now);
    try {
      for (let i = 0; i < ids.length; i += DELETE_BATCH) {
        await deps.api.deleteMessages(chatId, ids.slice(i, i + DELETE_BATCH), apiSignal(AbortSignal.timeout(10_000)));
      }
    } catch (error) {
      const failure = deliveryFailure(error);
      if (error instanceof GrammyError && error.error_code === 403) return { ...failure, unreachable: contactOf(chatId) };
      return failure;
    }
    await deps.log.forget(chatId, now);
    return { ok: true };
  };
}

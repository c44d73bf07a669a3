import { z } from 'zod';
import type { Receipt } from '../../conversation/events.js';
import type { OutboxItem } from '../../conversation/ports.js';
import type { RenderedMessage } from '../../conversation/types.js';
import { keyboardRows, PAGE_SIZE, phoneKeyboard } from './keyboard.js';
import { splitHtml } from './split-html.js';

/** The outbox kind of a message to a Telegram chat. */
export const TELEGRAM_MESSAGE = 'telegram.message';
/** The outbox kind of clearing a chat (deleting its recent messages). */
export const TELEGRAM_CLEAR = 'telegram.clear_chat';

/** What is queued: the message already cut to Telegram's size, with its first keyboard page. */
export const payloadSchema = z.object({
  chatId: z.number().int(),
  parts: z.array(z.string().min(1)).min(1),
  keyboard: z.array(z.array(z.object({ text: z.string().min(1), callback_data: z.string().min(1).max(64) }))).optional(),
  /** A counsellor's message: the core publishes whether it arrived (see the outbox worker). */
  receipt: z.object({ caseId: z.string().min(1), ref: z.string().min(1) }).optional(),
  /** A reply keyboard instead (a phone question: share my number). */
  replyKeyboard: z.array(z.array(z.object({ text: z.string().min(1), request_contact: z.boolean().optional() }))).optional(),
  /** A message without buttons takes away a reply keyboard still shown (the phone question's). */
  removeKeyboard: z.boolean().optional(),
});

export type TelegramPayload = z.infer<typeof payloadSchema>;

/** One chat's messages go out one at a time, in order. */
export const orderKey = (chatId: string): string => `telegram:${chatId}`;

/** The outbox route of the conversation service for Telegram (the contact id is the chat id). */
export function toOutboxItem(key: { channelUserId: string }, message: RenderedMessage, pageSize = PAGE_SIZE, receipt?: Receipt): OutboxItem {
  const reply = phoneKeyboard(message);
  const keyboard = reply ? [] : keyboardRows(message, 0, pageSize);
  const payload: TelegramPayload = {
    chatId: Number(key.channelUserId),
    parts: splitHtml(message.html),
    ...(keyboard.length > 0 ? { keyboard } : {}),
    ...(receipt ? { receipt } : {}),
    ...(reply ? { replyKeyboard: reply } : {}),
    ...(!reply && keyboard.length === 0 ? { removeKeyboard: true } : {}),
  };
  return { kind: TELEGRAM_MESSAGE, orderKey: orderKey(key.channelUserId), payload };
}

/** Clears a chat after everything queued before it for that chat has gone out. */
export function clearItem(key: { channelUserId: string }): OutboxItem {
  return { kind: TELEGRAM_CLEAR, orderKey: orderKey(key.channelUserId), payload: { chatId: Number(key.channelUserId) } };
}

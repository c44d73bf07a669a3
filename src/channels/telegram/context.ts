import type { Context } from 'grammy';
import type { ContactKey } from '../../conversation/ports.js';
import type { ConversationService } from '../../conversation/types.js';
import type { Language } from '../../flow/languages.js';
import type { Logger } from '../../log.js';
import type { RateLimiter } from '../../conversation/rate-limits.js';
import type { BlockedChats } from './blocked-chats.js';
import type { MessageLog } from './store/message-log.js';
import { apiSignal } from './signal.js';

/** What the update handlers share. */
export interface HandlerDeps {
  service: ConversationService;
  blocked: BlockedChats;
  /** Flood limit per person (TELEGRAM_MESSAGES_PER_MINUTE). */
  limiter: RateLimiter;
  messagesPerMinute: number;
  /** The chat's message ids (the person's too), so the chat can be cleared later. */
  messages: MessageLog;
  claim(key: ContactKey, updateId: string): Promise<boolean>;
  languages: readonly Language[];
  pageSize: number;
  log: Logger;
  clock: () => Date;
}

/** The channel's name: its contacts carry it. */
export const TELEGRAM_CHANNEL = 'telegram';

/** A private chat's id is the person's id: the contact key of the conversation. */
export const contactOf = (chatId: number): ContactKey => ({ channel: TELEGRAM_CHANNEL, channelUserId: String(chatId) });

/** The service's delivery id: re-deliveries of an update repeat it. */
export const updateIdOf = (ctx: Context): string => String(ctx.update.update_id);

/** How long a call made while handling an update may take: Telegram is waiting for our answer. */
const CALL_TIMEOUT_MS = 5_000;

type Signal = ReturnType<typeof apiSignal>;

/**
 * Runs a Bot API call whose failure must not fail the update (answering a button, tidying a
 * message), bounded in time by the signal it is given.
 */
export async function bestEffort(log: Logger, what: string, call: (signal: Signal) => Promise<unknown>): Promise<void> {
  try {
    await call(apiSignal(AbortSignal.timeout(CALL_TIMEOUT_MS)));
  } catch (error) {
    log.log('warn', `telegram: ${what} failed`, { error: error instanceof Error ? error.message : String(error) });
  }
}

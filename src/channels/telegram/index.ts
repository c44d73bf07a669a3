import { Bot, webhookCallback } from 'grammy';
import type { Hono } from 'hono';
import type { OutboxItem } from '../../conversation/ports.js';
import type { Deliverer } from '../../conversation/outbox-worker.js';
import type { RenderedMessage } from '../../conversation/types.js';
import { createBlockedChats } from './blocked-chats.js';
import { botInfoFromToken } from './bot-info.js';
import { registerCommands } from './commands.js';
import { contactOf } from './context.js';
import { createDeliverer } from './deliver.js';
import { registerHandlers } from './handlers.js';
import { PAGE_SIZE } from './keyboard.js';
import { toOutboxItem } from './outbox-item.js';
import { startPolling, type Polling, type PollingOptions } from './polling.js';
import { boundedRetry } from './retry.js';
import { registerWebhook } from './setup.js';
import type { TelegramDeps } from './types.js';
import { webhookRoutes } from './webhook.js';

export { TELEGRAM_MESSAGE } from './outbox-item.js';
export { WEBHOOK_PATH } from './webhook.js';
export { ALLOWED_UPDATES, registerWebhook, webhookUrl } from './setup.js';
export { registerCommands } from './commands.js';
export { boundedRetry } from './retry.js';
export type { TelegramDeps, TelegramOptions } from './types.js';
export type { Polling } from './polling.js';

export interface TelegramChannel {
  bot: Bot;
  /** `POST /telegram/webhook`. */
  routes: Hono;
  /** The conversation service's outbox route for Telegram. */
  outboxItem(key: { channelUserId: string }, message: RenderedMessage): OutboxItem;
  /** Delivers `telegram.message` outbox items. */
  deliver: Deliverer;
  /** Registers the command menus, and the webhook when a public URL is given. */
  setup(publicUrl?: string): Promise<void>;
  /** Long polling instead of the webhook (TELEGRAM_MODE=polling). */
  startPolling(options?: PollingOptions): Promise<Polling>;
}

/** The Telegram channel: a thin grammY adapter from updates to the conversation service and back. */
export function createTelegramChannel(deps: TelegramDeps): TelegramChannel {
  const options = deps.options ?? {};
  const pageSize = options.pageSize ?? PAGE_SIZE;
  const flushBudgetMs = options.flushBudgetMs ?? 4_000;
  const bot = new Bot(deps.token, {
    botInfo: botInfoFromToken(deps.token),
    // Calls made while handling an update carry shorter signals; this bounds the rest (getUpdates waits 30 s).
    client: { timeoutSeconds: 60, ...(deps.apiRoot ? { apiRoot: deps.apiRoot.replace(/\/+$/, '') } : {}) },
  });
  bot.api.config.use(boundedRetry(options.retry));
  const blocked = createBlockedChats();
  registerHandlers(bot, {
    service: deps.service,
    blocked,
    claim: deps.claim,
    languages: deps.languages,
    pageSize,
    log: deps.log,
    clock: deps.clock ?? (() => new Date()),
    healthy: deps.healthy,
    async flush() {
      // What the update queued goes out now; what cannot waits for the outbox timer. (A run already
      // under way when this commits is followed by another: see the outbox worker.)
      try {
        await deps.flush(flushBudgetMs);
      } catch (error) {
        deps.log.log('warn', 'telegram: delivering replies failed; the outbox will try again', { error: String(error) });
      }
    },
  });
  const handleUpdate = webhookCallback(bot, 'std/http', { onTimeout: 'throw', timeoutMilliseconds: 25_000 });
  return {
    bot,
    routes: webhookRoutes({ secret: deps.webhookSecret, handle: (request) => handleUpdate(request) }),
    outboxItem: (key, message) => toOutboxItem(key, message, pageSize),
    deliver: createDeliverer({
      api: bot.api,
      blocked,
      onUnreachable: (chatId) => deps.service.setReachable(contactOf(chatId), false),
    }),
    async setup(publicUrl) {
      await registerCommands(bot.api, deps.languages, deps.commands, deps.text, deps.log);
      if (publicUrl && deps.webhookSecret) {
        const url = await registerWebhook(bot.api, publicUrl, deps.webhookSecret);
        deps.log.log('info', 'telegram: webhook registered', { url });
      }
    },
    async startPolling(pollingOptions) {
      // With a real token on a laptop: check it, and learn the bot's real name for the log.
      bot.botInfo = await bot.api.getMe();
      deps.log.log('info', `telegram: polling as @${bot.botInfo.username}`);
      return startPolling(bot, deps.log, pollingOptions);
    },
  };
}

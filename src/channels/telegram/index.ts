/** The Telegram channel: a thin grammY adapter from updates to the conversation service and back. */
import { Bot, webhookCallback } from 'grammy';
import { describeChannels } from '../../env.js';
import type { AdapterContext, ChannelAdapter } from '../adapter.js';
import { createBlockedChats } from './blocked-chats.js';
import { botInfoFromToken } from './bot-info.js';
import { registerCommands } from './commands.js';
import { TELEGRAM_CHANNEL } from './context.js';
import { createClearer, createDeliverer } from './deliver.js';
import { createMessageLog } from './store/message-log.js';
import { registerHandlers } from './handlers.js';
import { PAGE_SIZE } from './keyboard.js';
import { clearItem, TELEGRAM_CLEAR, TELEGRAM_MESSAGE, toOutboxItem } from './outbox-item.js';
import { startPolling, type Polling } from './polling.js';
import { boundedRetry } from './retry.js';
import { registerWebhook } from './setup.js';
import type { TelegramOptions } from './types.js';
import { updateAdapter, webhookRoutes } from './webhook.js';

export { TELEGRAM_MESSAGE } from './outbox-item.js';
export { WEBHOOK_PATH } from './webhook.js';
export { ALLOWED_UPDATES, registerWebhook, webhookUrl } from './setup.js';
export { registerCommands } from './commands.js';
export { boundedRetry } from './retry.js';
export type { TelegramOptions } from './types.js';
export type { Polling } from './polling.js';

export interface TelegramAdapter extends ChannelAdapter {
  bot: Bot;
}

/** The Telegram adapter, or null while its configuration is incomplete (see describeChannels). */
export function createTelegramAdapter(ctx: AdapterContext, options: TelegramOptions = {}): TelegramAdapter | null {
  const { env, log } = ctx;
  const token = env.TELEGRAM_BOT_TOKEN;
  if (!token || !describeChannels(env).some((c) => c.name === TELEGRAM_CHANNEL && c.on)) return null;
  const pageSize = options.pageSize ?? PAGE_SIZE;
  const flushBudgetMs = options.flushBudgetMs ?? 4_000;
  const bot = new Bot(token, {
    botInfo: botInfoFromToken(token),
    // Calls made while handling an update carry shorter signals; this bounds the rest (getUpdates waits 30 s).
    client: {
      timeoutSeconds: 60,
      // A press is answered in the webhook's own HTTP response: one call to Telegram fewer per press.
      // Only that call: its result (true) is known without asking, and it is made at most once.
      canUseWebhookReply: (method) => method === 'answerCallbackQuery',
      ...(env.TELEGRAM_API_ROOT ? { apiRoot: env.TELEGRAM_API_ROOT.replace(/\/+$/, '') } : {}),
    },
  });
  bot.api.config.use(boundedRetry(options.retry));
  const blocked = createBlockedChats();
  const messages = createMessageLog(ctx.db);
  const commands = Object.keys(ctx.content.app.commands);
  return {
    name: TELEGRAM_CHANNEL,
    bot,
    capabilities: { buttons: true, push: true, deleteMessages: true, threads: false },
    subscriptions: {
      'message.to_person': (e) => (e.contact.channel === TELEGRAM_CHANNEL ? [toOutboxItem(e.contact, e.message, pageSize, e.receipt)] : []),
      'chat.clear': (e) => (e.contact.channel === TELEGRAM_CHANNEL ? [clearItem(e.contact)] : []),
    },
    deliverers: {
      [TELEGRAM_MESSAGE]: createDeliverer({ api: bot.api, blocked, log: messages, clock: ctx.clock }),
      [TELEGRAM_CLEAR]: createClearer({ api: bot.api, blocked, log: messages, clock: ctx.clock }),
    },
    mount(core) {
      registerHandlers(bot, {
        service: core.service,
        blocked,
        messages,
        limiter: ctx.limiter,
        messagesPerMinute: ctx.env.TELEGRAM_MESSAGES_PER_MINUTE,
        claim: (key, updateId) => ctx.conversations.withContact(key, (tx) => tx.claimInbound(updateId)),
        languages: ctx.content.languages,
        pageSize,
        log,
        clock: ctx.clock,
        healthy: () => ctx.health.ping().then(() => true, () => false),
        async flush() {
          // The update's replies went out as it committed: wait for them, not for the whole outbox.
          // What could not go (behind a failed message) waits for the outbox timer.
          try {
            await core.settle(flushBudgetMs);
          } catch (error) {
            log.log('warn', 'telegram: delivering replies failed; the outbox will try again', { error: String(error) });
          }
        },
      });
      const handleUpdate = webhookCallback(bot, updateAdapter, { onTimeout: 'throw', timeoutMilliseconds: 25_000 });
      const webhook = env.TELEGRAM_MODE === 'webhook';
      const startPollingNow = async (): Promise<Polling> => {
        // With a real token on a laptop: check it, and learn the bot's real name for the log.
        bot.botInfo = await bot.api.getMe();
        log.log('info', `telegram: polling as @${bot.botInfo.username}`);
        return startPolling(bot, log, options.polling);
      };
      return {
        ...(webhook ? { routes: webhookRoutes({ secret: env.TELEGRAM_WEBHOOK_SECRET, handle: (update) => handleUpdate(update) }) } : {}),
        async setup() {
          await registerCommands(bot.api, ctx.content.languages, commands, ctx.translator, log);
          const publicUrl = webhook ? env.PUBLIC_URL : undefined;
          if (publicUrl && env.TELEGRAM_WEBHOOK_SECRET) {
            const url = await registerWebhook(bot.api, publicUrl, env.TELEGRAM_WEBHOOK_SECRET);
            log.log('info', 'telegram: webhook registered', { url });
          }
        },
        ...(webhook ? {} : { start: startPollingNow }),
        sweep: (at) => messages.sweep(at),
      };
    },
  };
}

/**
 * `npm run telegram:setup`: tells Telegram where the webhook is (PUBLIC_URL + /telegram/webhook,
 * with TELEGRAM_WEBHOOK_SECRET and the update types the bot handles) and registers the command
 * menus in every language. `-- --delete` removes the webhook (to use polling); `-- --info` only
 * shows what Telegram has. Needs no database.
 */
import { Api, GrammyError } from 'grammy';
import { ALLOWED_UPDATES, boundedRetry, registerCommands, registerWebhook } from '../channels/telegram/index.js';
import { ConfigError, parseEnv } from '../env.js';
import { loadCheckedContent } from '../flow/load.js';
import { readContentSource } from '../flow/read-dir.js';
import { Translator } from '../i18n/translator.js';
import { createLogger } from '../log.js';

const args = new Set(process.argv.slice(2));

async function main(): Promise<void> {
  const env = parseEnv(process.env);
  if (!env.TELEGRAM_BOT_TOKEN) throw new ConfigError('set TELEGRAM_BOT_TOKEN (from @BotFather)');
  const api = new Api(env.TELEGRAM_BOT_TOKEN, env.TELEGRAM_API_ROOT ? { apiRoot: env.TELEGRAM_API_ROOT.replace(/\/+$/, '') } : {});
  api.config.use(boundedRetry());

  async function show(): Promise<void> {
    const me = await api.getMe();
    const info = await api.getWebhookInfo();
    console.log(`bot: @${me.username}`);
    console.log(`webhook: ${info.url || '(none: polling)'}`);
    console.log(`pending updates: ${info.pending_update_count}`);
    if (info.last_error_message) {
      console.log(`last error: ${info.last_error_message} (${new Date((info.last_error_date ?? 0) * 1000).toISOString()})`);
    }
  }

  if (args.has('--info')) return show();
  if (args.has('--delete')) {
    await api.deleteWebhook({ drop_pending_updates: false });
    console.log('webhook removed: start the bot with TELEGRAM_MODE=polling');
    return show();
  }
  if (!env.PUBLIC_URL || !env.TELEGRAM_WEBHOOK_SECRET) {
    throw new ConfigError('set PUBLIC_URL (https, reachable by Telegram) and TELEGRAM_WEBHOOK_SECRET to register the webhook');
  }
  const content = loadCheckedContent(readContentSource(process.cwd()));
  const translator = new Translator(content);
  await registerCommands(api, content.languages, Object.keys(content.app.commands), translator, createLogger(env.LOG_LEVEL));
  console.log(`commands registered: ${content.languages.map((l) => l.tag).join(', ')}`);
  const url = await registerWebhook(api, env.PUBLIC_URL, env.TELEGRAM_WEBHOOK_SECRET);
  console.log(`webhook set: ${url} (updates: ${ALLOWED_UPDATES.join(', ')})`);
  await show();
}

try {
  await main();
} catch (error) {
  // A configuration or Telegram error is the operator's to fix: its message, not a stack.
  console.error(error instanceof ConfigError || error instanceof GrammyError ? error.message : error);
  process.exitCode = 1;
}

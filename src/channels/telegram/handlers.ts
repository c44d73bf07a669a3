import type { Bot, Context } from 'grammy';
import { limitKey } from '../../conversation/rate-limits.js';
import { createChatQueue } from './chat-queue.js';
import { APOLOGY } from './content-kind.js';
import { bestEffort, contactOf, type HandlerDeps } from './context.js';
import { createOnOther, onContact, onEdited, onMembership, onText } from './on-message.js';
import { onPress } from './on-press.js';

export interface UpdateDeps extends HandlerDeps {
  flush(): Promise<void>;
  healthy(): Promise<boolean>;
}

const errorText = (error: unknown): string => (error instanceof Error ? `${error.name}: ${error.message}` : String(error));

/**
 * The error policy of an update. A failure while the database answers is a bug: it is logged, the
 * person gets a kind apology, and Telegram gets a 2xx (delivering it again would fail again); the
 * transaction rolled back, so the session is as it was. While the database does not answer, the
 * error goes up: the webhook answers 5xx and Telegram delivers the update again later.
 */
async function guard(ctx: Context & { chat: { id: number } }, work: () => Promise<void>, deps: UpdateDeps): Promise<void> {
  try {
    await work();
  } catch (error) {
    if (!(await deps.healthy())) throw error;
    deps.log.log('error', 'telegram: update failed', { updateId: ctx.update.update_id, error: errorText(error) });
    if (!ctx.message && !ctx.callbackQuery) return;
    if (ctx.callbackQuery) await bestEffort(deps.log, 'answerCallbackQuery', (signal) => ctx.answerCallbackQuery(undefined, signal));
    const hint = ctx.from?.language_code;
    await bestEffort(deps.log, 'apology', () =>
      deps.service.notify(contactOf(ctx.chat.id), APOLOGY, {}, hint ? { languageHint: hint } : {}),
    );
  }
}

/** Telegram's own name for what the person sent too fast: said once per window, then silence. */
export const SLOW_DOWN = 'telegram:slow_down';

/**
 * One person sending faster than TELEGRAM_MESSAGES_PER_MINUTE: the first update over the limit gets
 * a kind word in their language, the rest are acknowledged (a press is answered) and dropped.
 */
async function withinLimit(ctx: Context & { chat: { id: number } }, deps: UpdateDeps): Promise<boolean> {
  const verdict = await deps.limiter.check(await limitKey('telegram', String(ctx.chat.id)), { max: deps.messagesPerMinute, windowMs: 60_000 }, deps.clock());
  if (verdict.ok) return true;
  if (ctx.callbackQuery) await bestEffort(deps.log, 'answerCallbackQuery', (signal) => ctx.answerCallbackQuery(undefined, signal));
  if (verdict.first) {
    const hint = ctx.from?.language_code;
    await deps.service.notify(contactOf(ctx.chat.id), SLOW_DOWN, {}, hint ? { languageHint: hint } : {});
    await deps.flush();
  }
  return false;
}

/**
 * The bot's update handling, the same for the webhook and for polling: private chats only, one
 * update of a chat at a time, and what the update queued is delivered before it counts as done.
 */
export function registerHandlers(bot: Bot, deps: UpdateDeps): void {
  const queue = createChatQueue();
  const chats = bot.chatType('private');
  chats.use(async (ctx, next) => {
    // Someone who writes or presses has unblocked the bot (Telegram refuses both while blocked).
    if (ctx.message || ctx.editedMessage || ctx.callbackQuery) deps.blocked.delete(ctx.chat.id);
    // The person's message stays on their phone: its id is kept so "Clear this chat" can remove it.
    if (ctx.message) {
      const { message_id: id } = ctx.message;
      await deps.messages.record(ctx.chat.id, [id], deps.clock()).catch((error: unknown) => deps.log.log('warn', 'telegram: message id not kept', { error: String(error) }));
    }
    if ((ctx.message || ctx.callbackQuery) && !(await withinLimit(ctx, deps))) return;
    await queue.run(String(ctx.chat.id), () => guard(ctx, next, deps));
    await deps.flush();
  });
  chats.on('message:text', (ctx) => onText(ctx, deps));
  chats.on('message:contact', (ctx) => onContact(ctx, deps));
  chats.on('callback_query:data', (ctx) => onPress(ctx, deps));
  chats.on('edited_message', (ctx) => onEdited(ctx, deps));
  chats.on('my_chat_member', (ctx) => onMembership(ctx, deps));
  chats.on('message', createOnOther(deps));
}

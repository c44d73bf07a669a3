import type { ChatTypeContext, Context, Filter } from 'grammy';
import type { InlineKeyboardButton, MaybeInaccessibleMessage, Message } from 'grammy/types';
import { CHOSEN_MARK } from '../../conversation/render.js';
import type { RenderedMessage } from '../../conversation/types.js';
import { MULTI_DONE } from '../../engine/types.js';
import { escapeHtml } from '../../i18n/html.js';
import { readChoiceData, readPageData } from './callback-data.js';
import { bestEffort, contactOf, updateIdOf, type HandlerDeps } from './context.js';
import { keyboardRows, pageCount } from './keyboard.js';
import { messageHtml } from './message-html.js';
import { MESSAGE_LIMIT, visibleLength } from './split-html.js';

type Press = Filter<ChatTypeContext<Context, 'private'>, 'callback_query:data'>;
type TextMessage = Message & { text: string };

function isText(message: MaybeInaccessibleMessage): message is TextMessage {
  return message.date !== 0 && 'text' in message && typeof message.text === 'string';
}

/** The pressed message, when Telegram still lets us edit it (not older than 48 hours). */
function editable(message: MaybeInaccessibleMessage | undefined): TextMessage | null {
  return message && isText(message) ? message : null;
}

function callbackButtons(message: TextMessage): Array<{ text: string; data: string }> {
  const rows: InlineKeyboardButton[][] = message.reply_markup?.inline_keyboard ?? [];
  return rows.flat().flatMap((b) => ('callback_data' in b ? [{ text: b.text, data: b.callback_data }] : []));
}

/** How the chosen answer is shown under the question: `→ Yes` (the arrow points at the text in RTL). */
export function answerMark(label: string, dir: 'ltr' | 'rtl'): string {
  return `\n\n${dir === 'rtl' ? '←' : '→'} <b>${escapeHtml(label)}</b>`;
}

/**
 * A button press. The choice is one turn of the conversation (deduped by the service); then the
 * press is answered and the question edited to show the answer, without its keyboard. A press on a
 * button the open question does not offer (an old message) only loses that message's keyboard: the
 * engine asks the open question again.
 */
export async function onPress(ctx: Press, deps: HandlerDeps): Promise<void> {
  const data = ctx.callbackQuery.data;
  const page = readPageData(data);
  if (page !== null) return showPage(ctx, deps, page);
  const contact = contactOf(ctx.chat.id);
  const pressed = readChoiceData(data);
  const result = await deps.service.handle({
    ...contact,
    updateId: updateIdOf(ctx),
    inbound: { kind: 'choice', ...pressed },
    ...(ctx.from.language_code ? { languageHint: ctx.from.language_code } : {}),
    receivedAt: deps.clock(),
  });
  // The press is answered in the webhook's response (see index.ts), a re-delivery too: its first
  // delivery failed, and that answer with it.
  await bestEffort(deps.log, 'answerCallbackQuery', (signal) => ctx.answerCallbackQuery(undefined, signal));
  if (result.duplicate) return;
  const before = result.before ?? null;
  const message = editable(ctx.callbackQuery.message);
  if (!message) return;
  // Only a press that answered the open question is shown as its answer.
  const current = pressed.question === undefined || pressed.question === before?.question;
  const chosen = before && current ? [...before.choices, ...before.nav].find((c) => c.id === pressed.id) : undefined;
  // A multiple choice: a press only selects (the question comes again with the marks); "done"
  // shows what was chosen.
  const multiple = before?.input === 'multiple' && chosen && before.choices.includes(chosen);
  if (before && chosen && (!multiple || chosen.id === MULTI_DONE)) {
    const picked = before.choices.filter((c) => c.text.startsWith(CHOSEN_MARK)).map((c) => c.text.slice(CHOSEN_MARK.length));
    const label = multiple ? picked.join('; ') || chosen.text : (callbackButtons(message).find((b) => b.data === data)?.text ?? chosen.text);
    const html = messageHtml(message.text, message.entities) + answerMark(label, before.dir);
    if (visibleLength(html) <= MESSAGE_LIMIT) {
      return bestEffort(deps.log, 'editMessageText', (signal) =>
        ctx.api.editMessageText(
          message.chat.id,
          message.message_id,
          html,
          { parse_mode: 'HTML', link_preview_options: { is_disabled: true } },
          signal,
        ),
      );
    }
  }
  await bestEffort(deps.log, 'editMessageReplyMarkup', (signal) =>
    ctx.api.editMessageReplyMarkup(message.chat.id, message.message_id, undefined, signal),
  );
}

/** Whether a message's keyboard shows (a page of) the open question's choices. */
function showsQuestion(message: TextMessage, question: RenderedMessage): boolean {
  const ids = new Set([...question.choices, ...question.nav].map((c) => c.id));
  const shown = callbackButtons(message).filter((b) => readPageData(b.data) === null);
  return shown.length > 0 && shown.every((b) => ids.has(readChoiceData(b.data).id));
}

/** A page button of a long list: the open question's keyboard, at another page. */
async function showPage(ctx: Press, deps: HandlerDeps, page: number): Promise<void> {
  const contact = contactOf(ctx.chat.id);
  if (!(await deps.claim(contact, updateIdOf(ctx)))) return;
  await bestEffort(deps.log, 'answerCallbackQuery', (signal) => ctx.answerCallbackQuery(undefined, signal));
  const message = editable(ctx.callbackQuery.message);
  const question = message && (await deps.service.current(contact));
  if (!message || !question || pageCount(question, deps.pageSize) < 2 || !showsQuestion(message, question)) return;
  const rows = keyboardRows(question, page, deps.pageSize);
  // The page already shown (its indicator pressed): Telegram refuses an edit that changes nothing.
  const key = (buttons: Array<{ text: string; data: string }>) => JSON.stringify(buttons.map((b) => [b.text, b.data]));
  if (key(callbackButtons(message)) === key(rows.flat().map((b) => ({ text: b.text, data: b.callback_data })))) return;
  await bestEffort(deps.log, 'editMessageReplyMarkup', (signal) =>
    ctx.api.editMessageReplyMarkup(message.chat.id, message.message_id, { reply_markup: { inline_keyboard: rows } }, signal),
  );
}

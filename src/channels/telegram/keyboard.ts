import type { RenderedMessage } from '../../conversation/types.js';
import { choiceData, pageData } from './callback-data.js';

/**
 * Lists longer than this many rows are shown a page at a time (a phone screen of buttons). Twelve:
 * the main menu and the returnee pages (eleven choices each) stay on one screen, unpaged.
 */
export const PAGE_SIZE = 12;
/** Telegram shows at most 8 buttons in a row. */
const MAX_COLUMNS = 8;

export interface CallbackButton {
  text: string;
  callback_data: string;
}

type Buttons = Pick<RenderedMessage, 'choices' | 'nav' | 'columns' | 'question'>;

const columnsOf = (message: Buttons): number => Math.min(Math.max(1, Math.floor(message.columns) || 1), MAX_COLUMNS);

/** Choices on one page: `pageSize` rows of the message's columns. */
const perPage = (message: Buttons, pageSize: number): number => pageSize * columnsOf(message);

export function pageCount(message: Buttons, pageSize = PAGE_SIZE): number {
  return Math.max(1, Math.ceil(message.choices.length / perPage(message, pageSize)));
}

const button = (choice: { id: string; text: string }, question: string | null = null): CallbackButton => ({
  text: choice.text,
  callback_data: choiceData(choice.id, question),
});

/**
 * The inline keyboard of a message: its choices in rows of `columns`, one page of rows when the
 * list is long (with ◀ n/N ▶ to move between pages), then the navigation buttons in a row.
 */
export function keyboardRows(message: Buttons, page = 0, pageSize = PAGE_SIZE): CallbackButton[][] {
  const pages = pageCount(message, pageSize);
  const current = Math.min(Math.max(0, page), pages - 1);
  const size = perPage(message, pageSize);
  const shown = pages > 1 ? message.choices.slice(current * size, (current + 1) * size) : message.choices;
  const columns = columnsOf(message);
  const rows: CallbackButton[][] = [];
  for (let i = 0; i < shown.length; i += columns) {
    rows.push(shown.slice(i, i + columns).map((c) => button(c, message.question ?? null)));
  }
  if (pages > 1) {
    const pager: CallbackButton[] = [];
    if (current > 0) pager.push({ text: '◀', callback_data: pageData(current - 1) });
    // Pressing the indicator shows the same page again: harmless, and still answered.
    pager.push({ text: `${current + 1}/${pages}`, callback_data: pageData(current) });
    if (current < pages - 1) pager.push({ text: '▶', callback_data: pageData(current + 1) });
    rows.push(pager);
  }
  if (message.nav.length > 0) rows.push(message.nav.map((c) => button(c)));
  return rows;
}

/** A button of a reply keyboard: its text is sent as a message, or it shares the person's own number. */
export interface ReplyButton {
  text: string;
  request_contact?: boolean;
}

/**
 * A phone question's keyboard: Telegram allows one keyboard per message, so instead of the inline
 * buttons it gets a reply keyboard that shares the account's own number (`request_contact`), with
 * the navigation buttons beside it (their texts come back as messages: see on-message.ts).
 */
export function phoneKeyboard(message: Pick<RenderedMessage, 'sharePhone' | 'nav'>): ReplyButton[][] | null {
  if (!message.sharePhone) return null;
  const rows: ReplyButton[][] = [[{ text: message.sharePhone, request_contact: true }]];
  if (message.nav.length > 0) rows.push(message.nav.map((n) => ({ text: n.text })));
  return rows;
}

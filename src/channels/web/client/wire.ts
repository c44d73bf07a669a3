/**
 * What the chat API sends back, read defensively: the page trusts its own server, but a proxy's
 * error page or a damaged cache entry must not throw deep inside the rendering.
 */

export interface Choice {
  text: string;
  /** A button's answer; absent on the buttons the page makes itself (main menu). */
  id?: string;
  /** A command the page sends instead of a choice (the main-menu button after a reload). */
  command?: string;
}

export interface BotMessage {
  /** Safe HTML, rendered and escaped by the server. */
  html: string;
  language: string;
  dir: string;
  choices: Choice[];
  columns: number;
  nav: Choice[];
  input: string | null;
}

export interface HistoryItem {
  direction: 'in' | 'out';
  html: string;
}

type Json = Record<string, unknown>;

const isRecord = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown): string => (typeof value === 'string' ? value : '');
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

function readChoice(value: unknown): Choice | null {
  if (!isRecord(value) || typeof value['text'] !== 'string') return null;
  const choice: Choice = { text: value['text'] };
  if (typeof value['id'] === 'string') choice.id = value['id'];
  if (typeof value['command'] === 'string') choice.command = value['command'];
  return choice.id !== undefined || choice.command !== undefined ? choice : null;
}

const choices = (value: unknown): Choice[] => list(value).map(readChoice).filter((c): c is Choice => c !== null);

/** One bot message, or null when it is not one. */
export function readBotMessage(value: unknown): BotMessage | null {
  if (!isRecord(value) || typeof value['html'] !== 'string') return null;
  const columns = value['columns'];
  const input = value['input'];
  return {
    html: value['html'],
    language: text(value['language']),
    dir: text(value['dir']),
    choices: choices(value['choices']),
    columns: typeof columns === 'number' ? columns : 1,
    nav: choices(value['nav']),
    input: typeof input === 'string' ? input : null,
  };
}

/** The messages of a `POST /api/chat/messages` reply. */
export function readMessages(body: unknown): BotMessage[] {
  if (!isRecord(body)) return [];
  return list(body['messages']).map(readBotMessage).filter((m): m is BotMessage => m !== null);
}

/** The transcript of a history reply. */
export function readHistory(body: unknown): HistoryItem[] {
  if (!isRecord(body)) return [];
  const items: HistoryItem[] = [];
  for (const item of list(body['messages'])) {
    if (!isRecord(item) || typeof item['html'] !== 'string') continue;
    const direction = item['direction'];
    if (direction === 'in' || direction === 'out') items.push({ direction, html: item['html'] });
  }
  return items;
}

/** The token of a `POST /api/chat/session` reply, or null. */
export function readToken(body: unknown): string | null {
  return isRecord(body) && typeof body['token'] === 'string' && body['token'] !== '' ? body['token'] : null;
}

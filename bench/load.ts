/**
 * The load: N chats at once, each as Telegram drives one chat: one update, wait for the webhook's
 * answer, and the next update only then. A chat presses a button of the newest message with
 * buttons the bot sent it, so an update's time runs from its POST until the person can press again
 * (the webhook answered and the next question arrived at the Bot API), whichever is later.
 */
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { Button, FakeBotApi, KeyboardMessage } from './fake-bot-api.js';

export const SECRET = 'bench-webhook-secret_1';
const SECRET_HEADER = 'x-telegram-bot-api-secret-token';
/** A reply that has not come after this long is counted lost, and the chat starts over. */
const REPLY_TIMEOUT_MS = 30_000;

export interface LoadOptions {
  /** Webhook URLs; updates go to them in turn, as a load balancer would send them. */
  targets: readonly string[];
  fake: FakeBotApi;
  chats: number;
  warmupMs: number;
  measureMs: number;
  /** Chat ids start here (each run uses chats of its own). */
  firstChatId: number;
}

export interface LoadResult {
  updates: number;
  updatesPerSecond: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
  errors: number;
  lost: number;
  /** Measured window, for CPU accounting. */
  windowMs: number;
}

let nextUpdateId = 1;
let nextQueryId = 1;

/** What a chat presses: through the language and the notice to the menu, then around the topics of "about". */
const PATH = ['en', 'agree', 'about'];
const TOPICS = ['voluntary', 'costs', 'documents', 'after_return', 'how_long', 'what_next', 'other_options'];

/** A choice button's data is `<question>|<id>`; navigation buttons carry the id alone. */
const idOf = (data: string): string => data.slice(data.indexOf('|') + 1);

export function choose(buttons: readonly Button[], turn: number): Button | undefined {
  for (const id of PATH) {
    const b = buttons.find((x) => idOf(x.data) === id);
    if (b) return b;
  }
  const topics = buttons.filter((x) => TOPICS.includes(idOf(x.data)));
  if (topics.length > 0) return topics[turn % topics.length];
  return buttons[0];
}

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

const agent = new Agent({ keepAlive: true, maxSockets: 256 });

function post(url: string, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), [SECRET_HEADER]: SECRET },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const from = (chatId: number) => ({ id: chatId, is_bot: false, first_name: 'Bench', language_code: 'en' });
const chat = (chatId: number) => ({ id: chatId, type: 'private', first_name: 'Bench' });

function textUpdate(chatId: number, text: string): unknown {
  const entities = text.startsWith('/') ? [{ type: 'bot_command', offset: 0, length: text.length }] : undefined;
  return {
    update_id: nextUpdateId++,
    message: { message_id: nextUpdateId, from: from(chatId), chat: chat(chatId), date: Math.floor(Date.now() / 1000), text, ...(entities ? { entities } : {}) },
  };
}

function pressUpdate(chatId: number, message: KeyboardMessage, button: Button): unknown {
  return {
    update_id: nextUpdateId++,
    callback_query: {
      id: `q${nextQueryId++}`,
      from: from(chatId),
      chat_instance: `ci${chatId}`,
      data: button.data,
      message: {
        message_id: message.messageId,
        from: { id: 1, is_bot: true, first_name: 'Bench' },
        chat: chat(chatId),
        date: Math.floor(Date.now() / 1000),
        text: message.text,
        reply_markup: { inline_keyboard: message.buttons.map((b) => [{ text: b.text, callback_data: b.data }]) },
      },
    },
  };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T | null> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([promise, new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), ms)))]).finally(() => clearTimeout(timer));
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const started = performance.now();
  const measureFrom = started + options.warmupMs;
  const measureTo = measureFrom + options.measureMs;
  const latencies: number[] = [];
  let errors = 0;
  let lost = 0;
  let sent = 0;
  let completed = 0;

  async function chatLoop(chatId: number): Promise<void> {
    let lastId = 0;
    let turn = 0;
    let update = textUpdate(chatId, '/start');
    while (performance.now() < measureTo) {
      const target = options.targets[sent++ % options.targets.length] ?? '';
      const t0 = performance.now();
      const status = await post(target, JSON.stringify(update)).catch(() => 0);
      if (status !== 200) {
        // Telegram sends the same update again later.
        errors++;
        await new Promise((resolve) => setTimeout(resolve, 200));
        continue;
      }
      const reply = await withTimeout(options.fake.keyboardAfter(chatId, lastId), REPLY_TIMEOUT_MS);
      const t1 = performance.now();
      if (!reply) {
        lost++;
        update = textUpdate(chatId, '/start');
        continue;
      }
      // Throughput counts what finished inside the window; latency, what started inside it.
      if (t1 >= measureFrom && t1 <= measureTo) completed++;
      if (t0 >= measureFrom) latencies.push(t1 - t0);
      lastId = reply.messageId;
      const button = choose(reply.buttons, turn++);
      update = button ? pressUpdate(chatId, reply, button) : textUpdate(chatId, '/menu');
    }
  }

  await Promise.all(Array.from({ length: options.chats }, (_, i) => chatLoop(options.firstChatId + i)));
  const seconds = options.measureMs / 1000;
  return {
    updates: completed,
    updatesPerSecond: +(completed / seconds).toFixed(1),
    p50Ms: +percentile(latencies, 50).toFixed(1),
    p90Ms: +percentile(latencies, 90).toFixed(1),
    p99Ms: +percentile(latencies, 99).toFixed(1),
    maxMs: +Math.max(0, ...latencies).toFixed(1),
    errors,
    lost,
    windowMs: options.measureMs,
  };
}

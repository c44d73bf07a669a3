/**
 * A lean fake Telegram Bot API for the benchmark: it answers at once, like Telegram on a good day,
 * and keeps only what the load needs (each chat's newest message with buttons, and who got what).
 * Unlike test/support/fake-telegram it checks nothing against the spec: a check per call would cost
 * the bench's own CPU, which the service and the database share on a small machine. The tests
 * prove the calls are right; this only has to be fast and tell the load what to press next.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Button {
  text: string;
  data: string;
}

export interface KeyboardMessage {
  messageId: number;
  text: string;
  buttons: Button[];
}

type Waiter = { after: number; resolve: (m: KeyboardMessage) => void };

const readBody = async (req: IncomingMessage): Promise<string> => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
};

function buttonsOf(markup: unknown): Button[] {
  if (typeof markup !== 'object' || markup === null || !('inline_keyboard' in markup) || !Array.isArray(markup.inline_keyboard)) return [];
  const rows: unknown[] = markup.inline_keyboard;
  return rows.flatMap((row) =>
    Array.isArray(row)
      ? row.flatMap((b: unknown) =>
          typeof b === 'object' && b !== null && 'text' in b && 'callback_data' in b ? [{ text: String(b.text), data: String(b.callback_data) }] : [],
        )
      : [],
  );
}

export class FakeBotApi {
  /** Calls per method. */
  readonly counts = new Map<string, number>();
  /** Every sendMessage per chat, in arrival order: its text (the two-instance checks read them). */
  readonly sent = new Map<number, string[]>();
  private readonly latest = new Map<number, KeyboardMessage>();
  private readonly waiters = new Map<number, Waiter[]>();
  private nextMessageId = 1;

  private constructor(
    private readonly server: Server,
    readonly token: string,
    private readonly record: boolean,
  ) {}

  /** `record`: keep every message's text per chat (tests); the bench keeps counts only. */
  static async start(options: { token?: string; record?: boolean } = {}): Promise<FakeBotApi> {
    const server = createServer({ keepAliveTimeout: 60_000 });
    const fake = new FakeBotApi(server, options.token ?? '123456789:BENCH-token_for-the-fake', options.record ?? false);
    server.on('request', (req: IncomingMessage, res: ServerResponse) => void fake.serve(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  get apiRoot(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** The newest message with buttons in a chat whose id is above `after`, when it arrives. */
  keyboardAfter(chatId: number, after: number): Promise<KeyboardMessage> {
    const now = this.latest.get(chatId);
    if (now && now.messageId > after) return Promise.resolve(now);
    return new Promise((resolve) => {
      const list = this.waiters.get(chatId) ?? [];
      list.push({ after, resolve });
      this.waiters.set(chatId, list);
    });
  }

  count(method: string): number {
    return this.counts.get(method) ?? 0;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = /\/bot[^/]+\/([A-Za-z]+)$/.exec(req.url ?? '')?.[1] ?? '';
    const raw = await readBody(req);
    let params: Record<string, unknown> = {};
    try {
      const parsed: unknown = raw ? JSON.parse(raw) : {};
      if (typeof parsed === 'object' && parsed !== null) params = parsed as Record<string, unknown>;
    } catch {
      // grammY sends JSON; anything else is answered as an empty call.
    }
    this.counts.set(method, (this.counts.get(method) ?? 0) + 1);
    const result = this.perform(method, params);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ ok: true, result }));
  }

  private perform(method: string, params: Record<string, unknown>): unknown {
    const chatId = Number(params['chat_id']);
    const text = typeof params['text'] === 'string' ? params['text'] : '';
    switch (method) {
      case 'getMe':
        return { id: Number(this.token.split(':')[0]), is_bot: true, first_name: 'Bench', username: 'bench_bot' };
      case 'sendMessage': {
        const messageId = this.nextMessageId++;
        if (this.record) {
          const list = this.sent.get(chatId) ?? [];
          list.push(text);
          this.sent.set(chatId, list);
        }
        const buttons = buttonsOf(params['reply_markup']);
        if (buttons.length > 0) this.arrived(chatId, { messageId, text, buttons });
        return this.message(chatId, messageId, text, params['reply_markup']);
      }
      case 'editMessageText':
      case 'editMessageReplyMarkup':
        return this.message(chatId, Number(params['message_id']), text, params['reply_markup']);
      default:
        return true;
    }
  }

  private message(chatId: number, messageId: number, text: string, markup: unknown): Record<string, unknown> {
    return {
      message_id: messageId,
      from: { id: Number(this.token.split(':')[0]), is_bot: true, first_name: 'Bench' },
      chat: { id: chatId, type: 'private', first_name: 'Bench' },
      date: Math.floor(Date.now() / 1000),
      text,
      ...(buttonsOf(markup).length > 0 ? { reply_markup: markup } : {}),
    };
  }

  private arrived(chatId: number, message: KeyboardMessage): void {
    this.latest.set(chatId, message);
    const list = this.waiters.get(chatId);
    if (!list) return;
    const keep = list.filter((w) => {
      if (message.messageId <= w.after) return true;
      w.resolve(message);
      return false;
    });
    if (keep.length > 0) this.waiters.set(chatId, keep);
    else this.waiters.delete(chatId);
  }
}

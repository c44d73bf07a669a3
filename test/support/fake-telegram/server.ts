/**
 * A fake Telegram Bot API on loopback for tests: grammY (apiRoot) and the app (TELEGRAM_API_ROOT)
 * talk to it over real HTTP. Every call is checked against the published spec and Telegram's HTML
 * rules; problems are kept in `violations` (the suites assert there are none). It answers like
 * Telegram (ok envelopes, Message objects with ids, edits that must change something) and fails on
 * request: 429 with retry_after, 5xx, or 403 for a chat that blocked the bot.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BotCommand, Message, Update, UserFromGetMe } from 'grammy/types';
import { parseTelegramHtml } from './html.js';
import { SpecChecker } from './spec.js';

export interface Failure {
  /** An HTTP status, or 'network': the connection is dropped without an answer. */
  status: number | 'network';
  description?: string;
  /** Seconds, for a 429. */
  retryAfter?: number;
}

export interface Call {
  method: string;
  params: Record<string, unknown>;
  /** When it arrived (Date.now()). */
  at: number;
  /** The HTTP status it was answered with. */
  status: number;
  /** Made as the webhook's answer to an update, not as a request of its own. */
  webhookReply?: true;
}

interface Rule {
  method: string;
  chatId?: number;
  failure: Failure;
  remaining: number;
}

type Reply = { status: number; body: Record<string, unknown> };
/** The status a call is recorded with when its connection was dropped. */
const DROPPED = 0;

const ok = (result: unknown): Reply => ({ status: 200, body: { ok: true, result } });
const error = (status: number, description: string, retryAfter?: number): Reply => ({
  status,
  body: { ok: false, error_code: status, description, ...(retryAfter !== undefined ? { parameters: { retry_after: retryAfter } } : {}) },
});
const DESCRIPTIONS: Record<number, string> = {
  400: 'Bad Request',
  403: 'Forbidden: bot was blocked by the user',
  429: 'Too Many Requests: retry after',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
};
/** Methods that write to a chat: refused with 403 once the person blocked the bot. */
const CHAT_WRITES = new Set(['sendMessage', 'editMessageText', 'editMessageReplyMarkup', 'sendChatAction', 'deleteMessages']);

export class FakeTelegram {
  readonly calls: Call[] = [];
  readonly violations: string[] = [];
  /** setMyCommands by language code ('' = default). */
  readonly commands = new Map<string, BotCommand[]>();
  webhook: { url: string; secret?: string; allowed?: unknown } | null = null;
  readonly bot: UserFromGetMe;
  private readonly checker = new SpecChecker();
  private readonly rules: Rule[] = [];
  private readonly blocked = new Set<number>();
  private readonly chats = new Map<number, Map<number, Message>>();
  /** The people's own messages per chat (ids only matter): what deleteMessages can remove too. */
  private readonly theirs = new Map<number, Set<number>>();
  private readonly answered = new Set<string>();
  private readonly pending: Update[] = [];
  private waiters: Array<() => void> = [];
  private nextMessageId = 1;

  private constructor(
    private readonly server: Server,
    readonly token: string,
  ) {
    this.bot = {
      id: Number(token.split(':')[0]),
      is_bot: true,
      first_name: 'Test bot',
      username: 'test_avrr_bot',
      can_join_groups: false,
      can_read_all_group_messages: false,
      supports_inline_queries: false,
      can_connect_to_business: false,
      has_main_web_app: false,
      has_topics_enabled: false,
      allows_users_to_create_topics: false,
      can_manage_bots: false,
      supports_join_request_queries: false,
    };
  }

  static async start(token = '123456789:TEST-token_for-the-fake'): Promise<FakeTelegram> {
    const server = createServer();
    const fake = new FakeTelegram(server, token);
    server.on('request', (req: IncomingMessage, res: ServerResponse) => void fake.serve(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  /** The Bot API root for grammY and TELEGRAM_API_ROOT. */
  get apiRoot(): string {
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  async close(): Promise<void> {
    for (const wake of this.waiters) wake();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** The next `times` calls of `method` ('*' = any), to one chat if given, fail like this. */
  fail(method: string, failure: Failure, times = 1, chatId?: number): void {
    this.rules.push({ method, failure, remaining: times, ...(chatId !== undefined ? { chatId } : {}) });
  }

  /** The person blocked the bot: writes to their chat get 403. */
  block(chatId: number): void {
    this.blocked.add(chatId);
  }

  unblock(chatId: number): void {
    this.blocked.delete(chatId);
  }

  /** Calls of a method, to one chat if given. */
  callsTo(method: string, chatId?: number): Call[] {
    return this.calls.filter((c) => c.method === method && (chatId === undefined || Number(c.params['chat_id']) === chatId));
  }

  /** A message as the chat shows it now (after edits). */
  message(chatId: number, messageId: number): Message | undefined {
    return this.chats.get(chatId)?.get(messageId);
  }

  /** The bot's messages in a chat, oldest first. */
  messages(chatId: number): Message[] {
    return [...(this.chats.get(chatId)?.values() ?? [])];
  }

  /** The ids of every message still in a chat, the person's and the bot's, ascending. */
  remaining(chatId: number): number[] {
    return [...(this.theirs.get(chatId) ?? []), ...(this.chats.get(chatId)?.keys() ?? [])].sort((a, b) => a - b);
  }

  /** Checks an update a test built, as Telegram would send it; the person's message is now in the chat. */
  checkUpdate(update: Update): void {
    this.violations.push(...this.checker.checkType('Update', update).map((p) => `test update: ${p}`));
    // (A test may build a broken update on purpose: only a well-formed message joins the chat.)
    if (update.message?.chat?.id !== undefined) {
      let ids = this.theirs.get(update.message.chat.id);
      if (!ids) this.theirs.set(update.message.chat.id, (ids = new Set()));
      ids.add(update.message.message_id);
    }
  }

  /**
   * The webhook's answer to an update, read as Telegram reads it: a JSON body with a `method` is a
   * call (a webhook reply), checked and performed like any other; its result goes nowhere.
   */
  async webhookReply(response: Response): Promise<void> {
    const raw = await response.text();
    if (response.status !== 200 || !(response.headers.get('content-type') ?? '').startsWith('application/json')) return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      this.violations.push('webhook reply: the body is not JSON');
      return;
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed) || typeof (parsed as { method?: unknown }).method !== 'string') {
      this.violations.push('webhook reply: a JSON answer without a method');
      return;
    }
    const { method, ...params } = parsed as Record<string, unknown> & { method: string };
    const call: Call = { method, params, at: Date.now(), status: 0, webhookReply: true };
    this.calls.push(call);
    call.status = (await this.respond(method, params)).status;
  }

  /** Queues an update for getUpdates (polling). */
  queueUpdate(update: Update): void {
    this.checkUpdate(update);
    this.pending.push(update);
    for (const wake of this.waiters.splice(0)) wake();
  }

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const reply = await this.answer(req, raw);
    if (reply.status === DROPPED) {
      req.socket.destroy();
      return;
    }
    res.writeHead(reply.status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(reply.body));
  }

  private async answer(req: IncomingMessage, raw: string): Promise<Reply> {
    const path = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(new URL(req.url ?? '/', 'http://fake').pathname);
    if (!path) {
      this.violations.push(`request to ${req.url}: not a Bot API method path`);
      return error(404, 'Not Found');
    }
    const [, token = '', method = ''] = path;
    if (token !== this.token) {
      this.violations.push(`${method}: called with the wrong token`);
      return error(401, 'Unauthorized');
    }
    let params: Record<string, unknown> = {};
    if (raw.length > 0) {
      if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
        this.violations.push(`${method}: body is ${req.headers['content-type']}, the fake only reads JSON`);
      }
      try {
        const parsed: unknown = JSON.parse(raw);
        if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) params = parsed as Record<string, unknown>;
        else this.violations.push(`${method}: body is not a JSON object`);
      } catch {
        this.violations.push(`${method}: body is not JSON`);
      }
    }
    const call: Call = { method, params, at: Date.now(), status: 0 };
    this.calls.push(call);
    const reply = await this.respond(method, params);
    call.status = reply.status;
    return reply;
  }

  private respond(method: string, params: Record<string, unknown>): Reply | Promise<Reply> {
    const html = params['parse_mode'] === 'HTML';
    const measure = (field: string, value: string) => (html && (field === 'text' || field === 'caption') ? parseTelegramHtml(value).text.length : undefined);
    this.violations.push(...this.checker.checkCall(method, params, measure));
    if (params['parse_mode'] !== undefined && !['HTML', 'MarkdownV2', 'Markdown'].includes(String(params['parse_mode']))) {
      this.violations.push(`${method}.parse_mode: unknown mode ${String(params['parse_mode'])}`);
    }
    for (const field of ['text', 'caption']) {
      const value = params[field];
      if (html && typeof value === 'string') {
        this.violations.push(...parseTelegramHtml(value).problems.map((p) => `${method}.${field}: can't parse entities: ${p}`));
      }
    }
    const chatId = params['chat_id'] === undefined ? undefined : Number(params['chat_id']);
    const rule = this.rules.find((r) => r.remaining > 0 && (r.method === '*' || r.method === method) && (r.chatId === undefined || r.chatId === chatId));
    if (rule) {
      rule.remaining--;
      const { status, description, retryAfter } = rule.failure;
      if (status === 'network') return { status: DROPPED, body: {} };
      const text = description ?? DESCRIPTIONS[status] ?? 'Error';
      return error(status, status === 429 ? `${text} ${retryAfter ?? 1}` : text, status === 429 ? (retryAfter ?? 1) : undefined);
    }
    if (chatId !== undefined && this.blocked.has(chatId) && CHAT_WRITES.has(method)) return error(403, DESCRIPTIONS[403] ?? '');
    return this.perform(method, params, chatId);
  }

  private perform(method: string, params: Record<string, unknown>, chatId: number | undefined): Reply | Promise<Reply> {
    switch (method) {
      case 'getMe':
        return ok(this.bot);
      case 'sendMessage':
        return ok(this.send(chatId ?? 0, params));
      case 'editMessageText':
      case 'editMessageReplyMarkup':
        return this.edit(method, chatId ?? 0, params);
      case 'answerCallbackQuery': {
        const id = String(params['callback_query_id']);
        if (this.answered.has(id)) return error(400, 'Bad Request: query is too old and response timeout expired or query ID is invalid');
        this.answered.add(id);
        return ok(true);
      }
      case 'setMyCommands':
        this.commands.set(String(params['language_code'] ?? ''), (params['commands'] ?? []) as BotCommand[]);
        return ok(true);
      case 'setWebhook':
        this.webhook = {
          url: String(params['url']),
          ...(params['secret_token'] !== undefined ? { secret: String(params['secret_token']) } : {}),
          allowed: params['allowed_updates'],
        };
        return ok(true);
      case 'deleteWebhook':
        this.webhook = null;
        return ok(true);
      case 'getWebhookInfo':
        return ok({ url: this.webhook?.url ?? '', has_custom_certificate: false, pending_update_count: this.pending.length });
      case 'getUpdates':
        return this.getUpdates(params);
      case 'deleteMessages': {
        // Ids that are not there are skipped, as Telegram does.
        const ids = Array.isArray(params['message_ids']) ? params['message_ids'].map(Number) : [];
        for (const id of ids) {
          this.chats.get(chatId ?? 0)?.delete(id);
          this.theirs.get(chatId ?? 0)?.delete(id);
        }
        return ok(true);
      }
      default:
        this.violations.push(`${method}: the fake does not implement it (add it if the bot needs it)`);
        return ok(true);
    }
  }

  private send(chatId: number, params: Record<string, unknown>): Message {
    const text = typeof params['text'] === 'string' ? params['text'] : '';
    const parsed = params['parse_mode'] === 'HTML' ? parseTelegramHtml(text) : { text, entities: [] };
    const message = {
      message_id: this.nextMessageId++,
      from: { id: this.bot.id, is_bot: true, first_name: this.bot.first_name, username: this.bot.username },
      chat: { id: chatId, type: 'private', first_name: 'Test' },
      date: Math.floor(Date.now() / 1000),
      text: parsed.text,
      ...(parsed.entities.length > 0 ? { entities: parsed.entities } : {}),
      ...(this.inlineMarkup(params) ? { reply_markup: this.inlineMarkup(params) } : {}),
    } as Message;
    let chat = this.chats.get(chatId);
    if (!chat) this.chats.set(chatId, (chat = new Map()));
    chat.set(message.message_id, message);
    return message;
  }

  private inlineMarkup(params: Record<string, unknown>): Message['reply_markup'] | undefined {
    const markup = params['reply_markup'];
    return typeof markup === 'object' && markup !== null && 'inline_keyboard' in markup ? (markup as Message['reply_markup']) : undefined;
  }

  private edit(method: string, chatId: number, params: Record<string, unknown>): Reply {
    const message = this.message(chatId, Number(params['message_id']));
    if (!message) return error(400, 'Bad Request: message to edit not found');
    const next: Message = { ...message };
    if (method === 'editMessageText') {
      const text = typeof params['text'] === 'string' ? params['text'] : '';
      const parsed = params['parse_mode'] === 'HTML' ? parseTelegramHtml(text) : { text, entities: [] };
      next.text = parsed.text;
      if (parsed.entities.length > 0) next.entities = parsed.entities;
      else delete next.entities;
    }
    const markup = this.inlineMarkup(params);
    if (markup) next.reply_markup = markup;
    else delete next.reply_markup;
    const same = (m: Message) => JSON.stringify([m.text, m.entities ?? [], m.reply_markup ?? null]);
    if (same(next) === same(message)) {
      return error(400, 'Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message');
    }
    next.edit_date = Math.floor(Date.now() / 1000);
    this.chats.get(chatId)?.set(next.message_id, next);
    return ok(next);
  }

  private async getUpdates(params: Record<string, unknown>): Promise<Reply> {
    const offset = Number(params['offset'] ?? 0);
    // Confirmed updates are forgotten, as Telegram does.
    while (this.pending.length > 0 && (this.pending[0]?.update_id ?? 0) < offset) this.pending.shift();
    if (this.pending.length === 0) {
      const seconds = Math.min(Number(params['timeout'] ?? 0), 1);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, seconds * 1000);
        this.waiters.push(() => (clearTimeout(timer), resolve()));
      });
    }
    return ok(this.pending.slice(0, Number(params['limit'] ?? 100)));
  }
}

/**
 * A fake Slack Web API on loopback for tests: the app's WebClient (SLACK_API_URL) talks to it over
 * real HTTP. Every call is checked against Slack's published spec (method and parameter names,
 * required ones) and Block Kit's limits; problems are kept in `violations` (suites assert there are
 * none). It keeps the channel's messages, threads and reactions, App Home views and ephemeral
 * messages, and fails on request: down (HTTP 503), a Slack error code, or a rate limit.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { checkBlocks } from './block-kit.js';
import { checkCall } from './spec.js';

export const BOT_TOKEN = 'xoxb-test-token';
export const BOT_USER = 'UBOT';

export interface SlackMessage {
  channel: string;
  ts: string;
  threadTs?: string;
  text: string;
  blocks?: Array<Record<string, unknown>>;
  metadata?: { event_type: string; event_payload: Record<string, unknown> };
  reactions: string[];
  user: string;
  /** How many times chat.update rewrote it. */
  updates: number;
}

export interface SlackCall {
  method: string;
  params: Record<string, unknown>;
  status: number;
}

interface Rule {
  method: string;
  error?: string;
  retryAfter?: number;
  remaining: number;
}

type Reply = { status: number; body: Record<string, unknown>; headers?: Record<string, string> };
const ok = (body: Record<string, unknown> = {}): Reply => ({ status: 200, body: { ok: true, ...body } });
const fail = (error: string): Reply => ({ status: 200, body: { ok: false, error } });

/** Parameters that carry JSON in a form body. */
const JSON_PARAMS = new Set(['blocks', 'metadata', 'view', 'attachments']);
/** Methods that post a message: with blocks they need a fallback text. */
const MESSAGE_METHODS = new Set(['chat.postMessage', 'chat.update', 'chat.postEphemeral']);

export class FakeSlack {
  readonly calls: SlackCall[] = [];
  readonly violations: string[] = [];
  readonly messages: SlackMessage[] = [];
  readonly ephemeral: Array<{ channel: string; user: string; text: string }> = [];
  readonly dms: Array<{ channel: string; text: string }> = [];
  readonly homes = new Map<string, { blocks: Array<Record<string, unknown>> }>();
  /** Profiles users.info answers with. */
  readonly emails = new Map<string, string>();
  /** Guests of the workspace (users.info says is_restricted). */
  readonly guests = new Set<string>();
  /** While true every call gets HTTP 503 (Slack unreachable). */
  down = false;
  /** Every answer waits this long (a slow Slack). */
  delayMs = 0;
  private readonly rules: Rule[] = [];
  private nextTs = 1;

  private constructor(private readonly server: Server) {}

  static async start(): Promise<FakeSlack> {
    const server = createServer();
    const fake = new FakeSlack(server);
    server.on('request', (req, res) => void fake.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  /** The SLACK_API_URL to give the app. */
  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/api/`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** The next `times` calls of `method` fail with a Slack error code (or a rate limit). */
  failNext(method: string, failure: { error?: string; retryAfter?: number }, times = 1): void {
    this.rules.push({ method, ...failure, remaining: times });
  }

  /** Messages in the channel (top level), oldest first. */
  topLevel(channel?: string): SlackMessage[] {
    return this.messages.filter((m) => m.threadTs === undefined && (channel === undefined || m.channel === channel));
  }

  /** Replies in a thread, oldest first. */
  thread(channel: string, ts: string): SlackMessage[] {
    return this.messages.filter((m) => m.channel === channel && m.threadTs === ts);
  }

  find(channel: string, ts: string): SlackMessage | undefined {
    return this.messages.find((m) => m.channel === channel && m.ts === ts);
  }

  /** Calls of one method. */
  callsOf(method: string): SlackCall[] {
    return this.calls.filter((c) => c.method === method && c.status === 200);
  }

  /** A message a person (not the bot) wrote, as if typed in Slack: the test then sends its event. */
  postAsUser(channel: string, user: string, text: string, threadTs?: string): SlackMessage {
    const message: SlackMessage = { channel, ts: this.ts(), text, user, reactions: [], updates: 0, ...(threadTs ? { threadTs } : {}) };
    this.messages.push(message);
    return message;
  }

  private ts(): string {
    return `1795000000.${String(this.nextTs++).padStart(6, '0')}`;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    const method = url.pathname.replace(/^\/api\//, '');
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    let reply: Reply;
    let params: Record<string, unknown> = {};
    if (this.down) reply = { status: 503, body: { ok: false, error: 'service_unavailable' } };
    else {
      try {
        params = this.parse(raw, req.headers['content-type'] ?? '', url.searchParams);
        reply = this.answer(method, params, req.headers.authorization ?? '');
      } catch (error) {
        this.violations.push(`${method}: ${error instanceof Error ? error.message : String(error)}`);
        reply = fail('invalid_arguments');
      }
    }
    if (this.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
    this.calls.push({ method, params, status: reply.status });
    res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
    res.end(JSON.stringify(reply.body));
  }

  private parse(raw: string, contentType: string, query: URLSearchParams): Record<string, unknown> {
    const params: Record<string, unknown> = Object.fromEntries(query);
    if (contentType.includes('application/json')) Object.assign(params, JSON.parse(raw || '{}') as Record<string, unknown>);
    else for (const [k, v] of new URLSearchParams(raw)) params[k] = JSON_PARAMS.has(k) ? (JSON.parse(v) as unknown) : v;
    return params;
  }

  private answer(method: string, params: Record<string, unknown>, authorization: string): Reply {
    const token = authorization.replace(/^Bearer /, '') || String(params['token'] ?? '');
    if (token !== BOT_TOKEN) return fail('invalid_auth');
    const problems = checkCall(method, params);
    if (MESSAGE_METHODS.has(method)) problems.push(...this.checkMessage(method, params));
    if (method === 'views.publish') problems.push(...this.checkView(params['view']));
    if (problems.length > 0) {
      this.violations.push(...problems);
      return fail('invalid_arguments');
    }
    const rule = this.rules.find((r) => r.method === method && r.remaining > 0);
    if (rule) {
      rule.remaining--;
      if (rule.retryAfter !== undefined) return { status: 429, body: { ok: false, error: 'ratelimited' }, headers: { 'retry-after': String(rule.retryAfter) } };
      return fail(rule.error ?? 'internal_error');
    }
    const str = (name: string) => (typeof params[name] === 'string' ? (params[name] as string) : '');
    switch (method) {
      case 'auth.test':
        return ok({ user_id: BOT_USER, bot_id: 'BBOT', team_id: 'T1' });
      case 'chat.postMessage': {
        const channel = str('channel');
        if (channel.startsWith('D')) {
          this.dms.push({ channel, text: str('text') });
          return ok({ channel, ts: this.ts() });
        }
        const threadTs = str('thread_ts') || undefined;
        if (threadTs && !this.find(channel, threadTs)) return fail('thread_not_found');
        const message: SlackMessage = {
          channel,
          ts: this.ts(),
          text: str('text'),
          user: BOT_USER,
          reactions: [],
          updates: 0,
          ...(threadTs ? { threadTs } : {}),
          ...(Array.isArray(params['blocks']) ? { blocks: params['blocks'] as SlackMessage['blocks'] } : {}),
          ...(params['metadata'] ? { metadata: params['metadata'] as SlackMessage['metadata'] } : {}),
        };
        this.messages.push(message);
        return ok({ channel, ts: message.ts, message: { text: message.text, ts: message.ts } });
      }
      case 'chat.update': {
        const message = this.find(str('channel'), str('ts'));
        if (!message) return fail('message_not_found');
        message.text = str('text');
        if (Array.isArray(params['blocks'])) message.blocks = params['blocks'] as SlackMessage['blocks'];
        if (params['metadata']) message.metadata = params['metadata'] as SlackMessage['metadata'];
        message.updates++;
        return ok({ channel: message.channel, ts: message.ts });
      }
      case 'chat.delete': {
        // A bot token deletes only the bot's own messages, as on Slack.
        const index = this.messages.findIndex((m) => m.channel === str('channel') && m.ts === str('ts'));
        const message = this.messages[index];
        if (!message) return fail('message_not_found');
        if (message.user !== BOT_USER) return fail('cant_delete_message');
        this.messages.splice(index, 1);
        return ok({ channel: message.channel, ts: message.ts });
      }
      case 'chat.postEphemeral':
        this.ephemeral.push({ channel: str('channel'), user: str('user'), text: str('text') });
        return ok({ message_ts: this.ts() });
      case 'reactions.add': {
        const message = this.find(str('channel'), str('timestamp'));
        if (!message) return fail('message_not_found');
        if (message.reactions.includes(str('name'))) return fail('already_reacted');
        message.reactions.push(str('name'));
        return ok();
      }
      case 'views.publish': {
        const view = params['view'] as { blocks: Array<Record<string, unknown>> };
        this.homes.set(str('user_id'), view);
        return ok({ view });
      }
      case 'conversations.open':
        return ok({ channel: { id: `D${str('users')}` } });
      case 'users.info': {
        const user = str('user');
        const email = this.emails.get(user);
        return ok({ user: { id: user, name: user.toLowerCase(), is_restricted: this.guests.has(user), profile: email ? { email } : {} } });
      }
      default:
        return ok();
    }
  }

  private checkMessage(method: string, params: Record<string, unknown>): string[] {
    const problems: string[] = [];
    const blocks = params['blocks'];
    if (blocks !== undefined) {
      problems.push(...checkBlocks(method, blocks, 50));
      if (typeof params['text'] !== 'string' || params['text'].trim() === '') problems.push(`${method}: blocks without a fallback text`);
    } else if (typeof params['text'] !== 'string' || params['text'].trim() === '') problems.push(`${method}: no text`);
    if (typeof params['text'] === 'string' && params['text'].length > 40_000) problems.push(`${method}: text over 40000 characters`);
    const metadata = params['metadata'];
    if (metadata !== undefined) {
      const m = metadata as { event_type?: unknown; event_payload?: unknown };
      if (typeof m.event_type !== 'string' || !/^[a-z0-9_]+$/.test(m.event_type)) problems.push(`${method}: metadata.event_type must be snake_case`);
      if (typeof m.event_payload !== 'object' || m.event_payload === null) problems.push(`${method}: metadata.event_payload must be an object`);
      else {
        for (const [k, v] of Object.entries(m.event_payload)) {
          if (!['string', 'number', 'boolean'].includes(typeof v)) problems.push(`${method}: metadata.event_payload.${k} is not a scalar`);
        }
      }
    }
    return problems;
  }

  private checkView(view: unknown): string[] {
    const v = view as { type?: unknown; blocks?: unknown } | undefined;
    if (!v || v.type !== 'home') return ['views.publish: view.type must be "home"'];
    return checkBlocks('views.publish', v.blocks, 100);
  }
}

/**
 * Bolt inside Hono: one route (`POST /slack/events`) takes events, interactivity and slash commands.
 * The signature is checked here, before anything is parsed; Bolt routes what passes to the
 * listeners. Slack wants an answer within 3 seconds: the response goes out on `ack()`, and the
 * listener's slower work goes on after it (on Workers through `waitUntil`).
 */
import type { App, Receiver, ReceiverEvent } from '@slack/bolt';
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import { sendError } from '../../http/errors.js';
import type { RequestLog } from './store/request-log.js';
import { verifySlackSignature } from './verify.js';

/** Answer Slack before its 3-second limit even when a listener never acks. */
export const ACK_DEADLINE_MS = 2_500;
const MAX_BODY_BYTES = 1024 * 1024;

type Log = (level: 'warn' | 'error', message: string, data?: Record<string, unknown>) => void;

/** Keeps track of work that continues after the response, so tests (and shutdown) can wait for it. */
export class Background {
  readonly #pending = new Set<Promise<unknown>>();

  add(work: Promise<unknown>, c?: Context): void {
    const tracked = work.catch(() => undefined).finally(() => this.#pending.delete(tracked));
    this.#pending.add(tracked);
    try {
      c?.executionCtx.waitUntil(tracked);
    } catch {
      // Not on Workers: the process keeps running, nothing to register.
    }
  }

  /** Resolves once nothing started so far (or by what it started) is still running. */
  async idle(): Promise<void> {
    while (this.#pending.size > 0) await Promise.all([...this.#pending]);
  }
}

/** A Bolt receiver that is driven by the Hono route instead of listening itself. */
export class HonoReceiver implements Receiver {
  #app: App | undefined;

  init(app: App): void {
    this.#app = app;
  }

  start(): Promise<void> {
    return Promise.resolve();
  }

  stop(): Promise<void> {
    return Promise.resolve();
  }

  /** Hands one request to Bolt; resolves with what to answer Slack, at the ack or the deadline. */
  async dispatch(
    body: Record<string, unknown>,
    retry: { num?: number; reason?: string },
    background: (work: Promise<unknown>) => void,
    log: Log,
  ): Promise<unknown> {
    const app = this.#app;
    if (!app) throw new Error('HonoReceiver: Bolt has not initialised the receiver');
    let answer: (response: unknown) => void = () => {};
    const acked = new Promise<{ response: unknown }>((resolve) => {
      answer = (response) => resolve({ response });
    });
    let isAcked = false;
    const event: ReceiverEvent = {
      body,
      ...(retry.num !== undefined ? { retryNum: retry.num } : {}),
      ...(retry.reason !== undefined ? { retryReason: retry.reason } : {}),
      ack: async (response?: unknown) => {
        if (isAcked) return;
        isAcked = true;
        answer(response);
      },
    };
    const processing = app.processEvent(event).catch((error: unknown) => {
      log('error', 'slack: listener failed', { error: error instanceof Error ? error.message : String(error) });
    });
    background(processing);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const deadline = new Promise<{ response: unknown }>((resolve) => {
      timer = setTimeout(() => resolve({ response: undefined }), ACK_DEADLINE_MS);
    });
    const done = processing.then(() => ({ response: undefined }));
    try {
      return (await Promise.race([acked, done, deadline])).response;
    } finally {
      clearTimeout(timer);
    }
  }
}

const urlVerification = z.object({ type: z.literal('url_verification'), challenge: z.string().min(1).max(1000) });
const anyObject = z.record(z.string(), z.unknown());

/** The three shapes Slack posts: JSON (events), a form (commands), a form with a JSON `payload` (interactivity). */
export function parseSlackBody(raw: string, contentType: string | undefined): Record<string, unknown> | null {
  try {
    if ((contentType ?? '').includes('application/json')) {
      const parsed = anyObject.safeParse(JSON.parse(raw));
      return parsed.success ? parsed.data : null;
    }
    const form = new URLSearchParams(raw);
    const payload = form.get('payload');
    if (payload !== null) {
      const parsed = anyObject.safeParse(JSON.parse(payload));
      return parsed.success ? parsed.data : null;
    }
    return Object.fromEntries(form);
  } catch {
    return null;
  }
}

export interface RouteDeps {
  signingSecret: string;
  /** Recognises a signed request replayed within the signature window. */
  requests: RequestLog;
  receiver: HonoReceiver;
  background: Background;
  clock: () => Date;
  log: Log;
}

/** The one URL Slack is configured with (events, interactivity and slash commands). */
export function slackRoutes(deps: RouteDeps): Hono {
  const app = new Hono();
  app.post(
    '/slack/events',
    bodyLimit({ maxSize: MAX_BODY_BYTES, onError: (c) => sendError(c, 413, 'too_large', 'the body is too large for a Slack request') }),
    async (c) => {
      const raw = await c.req.text();
      const verdict = verifySlackSignature(
        deps.signingSecret,
        { timestamp: c.req.header('x-slack-request-timestamp'), signature: c.req.header('x-slack-signature') },
        raw,
        deps.clock(),
      );
      if (!verdict.ok) {
        deps.log('warn', 'slack: request refused', { reason: verdict.reason });
        return sendError(c, 401, 'invalid_signature', 'missing or wrong Slack signature');
      }
      // A replay of a request already handled (same signature) is acknowledged and does nothing.
      if (!(await deps.requests.firstTime(c.req.header('x-slack-signature') ?? '', deps.clock()))) {
        deps.log('warn', 'slack: replayed request ignored');
        return c.body(null, 200);
      }
      const body = parseSlackBody(raw, c.req.header('content-type'));
      if (!body) return sendError(c, 400, 'bad_request', 'the body is not a Slack request');
      const challenge = urlVerification.safeParse(body);
      if (challenge.success) return c.json({ challenge: challenge.data.challenge });
      const retryNum = Number(c.req.header('x-slack-retry-num'));
      const retryReason = c.req.header('x-slack-retry-reason');
      const response = await deps.receiver.dispatch(
        body,
        { ...(Number.isInteger(retryNum) && retryNum >= 0 ? { num: retryNum } : {}), ...(retryReason ? { reason: retryReason } : {}) },
        (work) => deps.background.add(work, c),
        deps.log,
      );
      if (response === undefined || response === '') return c.body(null, 200);
      if (typeof response === 'string') return c.text(response, 200);
      return c.json(response, 200);
    },
  );
  return app;
}

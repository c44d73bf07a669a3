/**
 * The Slack Web API client: Bolt's WebClient pointed at `SLACK_API_URL` when set (tests), with few
 * in-process retries (the outbox retries later, with backoff), a transport that works on Node and
 * Workers alike, and Slack's errors mapped to what the outbox worker understands.
 */
import { webApi } from '@slack/bolt';
import type { DeliveryResult } from '../../conversation/outbox-worker.js';

export type SlackClient = InstanceType<typeof webApi.WebClient>;
type ClientOptions = NonNullable<ConstructorParameters<typeof webApi.WebClient>[1]>;

export interface SlackClientOptions {
  token: string;
  apiUrl?: string | undefined;
  logger?: webApi.Logger;
}

/** A request waits at most this long; then the outbox tries again later. */
const REQUEST_TIMEOUT_MS = 10_000;

/**
 * The WebClient's transport, made to run on Workers as on Node: it is called as a plain function
 * (workerd refuses a `fetch` called as a method of another object), and with `redirect: "manual"`
 * instead of the client's `"error"`, which workerd does not support. No redirect is followed
 * either way: a 3xx is not a 200, so the client reports it as an HTTP error.
 */
export const slackFetch = (input: string | URL | Request, init?: RequestInit): Promise<Response> =>
  fetch(input, { ...init, redirect: 'manual' });

/** The options of every WebClient we make, ours and Bolt's (`clientOptions`). */
export function slackClientOptions(options: Omit<SlackClientOptions, 'token'>): ClientOptions {
  return {
    ...(options.apiUrl ? { slackApiUrl: options.apiUrl.endsWith('/') ? options.apiUrl : `${options.apiUrl}/` } : {}),
    // Few in-process retries (the outbox retries later, with backoff): a Worker has 30 s, not 30 min.
    retryConfig: { retries: 1, factor: 2, minTimeout: 250, maxTimeout: 1_000, randomize: false },
    // A rate limit is handed back to the outbox (retry_after) instead of blocking a request.
    rejectRateLimitedCalls: true,
    timeout: REQUEST_TIMEOUT_MS,
    fetch: slackFetch,
    ...(options.logger ? { logger: options.logger } : {}),
  };
}

export function createSlackClient(options: SlackClientOptions): SlackClient {
  return new webApi.WebClient(options.token, slackClientOptions(options));
}

/** Errors that sending again cannot fix: configuration or a message Slack will never take. */
const PERMANENT = new Set([
  'channel_not_found',
  'not_in_channel',
  'is_archived',
  'invalid_auth',
  'not_authed',
  'account_inactive',
  'token_revoked',
  'token_expired',
  'missing_scope',
  'msg_too_long',
  'no_text',
  'invalid_blocks',
  'invalid_metadata_format',
  'invalid_metadata_schema',
  'message_not_found',
  'cant_update_message',
  'thread_not_found',
]);

/** The Slack error code of a failed call (`channel_not_found`), or null for transport failures. */
export function slackErrorCode(error: unknown): string | null {
  return error instanceof webApi.WebAPIPlatformError ? error.data.error : null;
}

export function toDeliveryResult(error: unknown): DeliveryResult {
  if (error instanceof webApi.WebAPIRateLimitedError) {
    return { ok: false, error: 'slack: rate limited', retryAfterMs: error.retryAfter * 1000 };
  }
  const code = slackErrorCode(error);
  if (code !== null) return { ok: false, error: `slack: ${code}`, permanent: PERMANENT.has(code) };
  if (error instanceof webApi.WebAPIHTTPError) return { ok: false, error: `slack: HTTP ${error.statusCode}` };
  return { ok: false, error: `slack: ${error instanceof Error ? error.message : String(error)}` };
}

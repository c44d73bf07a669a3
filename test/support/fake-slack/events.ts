/**
 * Requests into the app as Slack sends them: signed with the signing secret (v0 HMAC-SHA256 of
 * `v0:{timestamp}:{raw body}`), as JSON (events) or forms (slash commands, interactivity).
 */
import { createHmac } from 'node:crypto';

export const SIGNING_SECRET = 'test-signing-secret';
export const HANDOFF_CHANNEL = 'CHANDOFF';

export interface SlackRequest {
  body: string;
  headers: Record<string, string>;
}

export function sign(body: string, timestamp: number, secret = SIGNING_SECRET): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

function signed(body: string, contentType: string, now: Date, extra: Record<string, string> = {}): SlackRequest {
  const timestamp = Math.floor(now.getTime() / 1000);
  return {
    body,
    headers: {
      'content-type': contentType,
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': sign(body, timestamp),
      ...extra,
    },
  };
}

let nextEvent = 1;
export const eventId = (): string => `Ev${String(nextEvent++).padStart(8, '0')}`;

/** An Events API delivery (event_callback). */
export function eventRequest(event: Record<string, unknown>, now: Date, options: { eventId?: string; retryNum?: number } = {}): SlackRequest {
  const body = JSON.stringify({
    token: 'deprecated-verification-token',
    team_id: 'T1',
    api_app_id: 'A1',
    event,
    type: 'event_callback',
    event_id: options.eventId ?? eventId(),
    event_time: Math.floor(now.getTime() / 1000),
    authorizations: [{ team_id: 'T1', user_id: 'UBOT', is_bot: true }],
  });
  const retry: Record<string, string> =
    options.retryNum !== undefined ? { 'x-slack-retry-num': String(options.retryNum), 'x-slack-retry-reason': 'http_timeout' } : {};
  return signed(body, 'application/json', now, retry);
}

/** A block_actions interaction (a button or a select on a message). */
export function actionRequest(
  user: string,
  action: { action_id: string; block_id: string; value?: string; selected?: string },
  message: { channel: string; ts: string },
  now: Date,
): SlackRequest {
  const payload = {
    type: 'block_actions',
    team: { id: 'T1', domain: 'test' },
    user: { id: user, username: user.toLowerCase(), name: user.toLowerCase(), team_id: 'T1' },
    api_app_id: 'A1',
    token: 'deprecated-verification-token',
    container: { type: 'message', message_ts: message.ts, channel_id: message.channel, is_ephemeral: false },
    trigger_id: `1.2.${triggers}`,
    channel: { id: message.channel, name: 'handoff' },
    message: { type: 'message', ts: message.ts, text: '' },
    response_url: 'http://127.0.0.1:9/unused',
    actions: [
      {
        type: action.selected !== undefined ? 'static_select' : 'button',
        action_id: action.action_id,
        block_id: action.block_id,
        ...(action.value !== undefined ? { value: action.value } : {}),
        ...(action.selected !== undefined ? { selected_option: { text: { type: 'plain_text', text: action.selected }, value: action.selected } } : {}),
        action_ts: String(now.getTime() / 1000),
      },
    ],
  };
  return signed(new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), 'application/x-www-form-urlencoded', now);
}

let triggers = 0;

/** A slash command as Slack sends it; each has its own trigger id, as Slack's do. */
export function commandRequest(user: string, command: string, text: string, now: Date): SlackRequest {
  triggers += 1;
  const body = new URLSearchParams({
    token: 'deprecated-verification-token',
    team_id: 'T1',
    team_domain: 'test',
    channel_id: HANDOFF_CHANNEL,
    channel_name: 'handoff',
    user_id: user,
    user_name: user.toLowerCase(),
    command,
    text,
    api_app_id: 'A1',
    response_url: 'http://127.0.0.1:9/unused',
    trigger_id: `1.2.${triggers}`,
  }).toString();
  return signed(body, 'application/x-www-form-urlencoded', now);
}

/** Any body, signed: for the signature tests. */
export function rawRequest(body: string, contentType: string, now: Date, secret = SIGNING_SECRET, timestamp = Math.floor(now.getTime() / 1000)): SlackRequest {
  return {
    body,
    headers: { 'content-type': contentType, 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': sign(body, timestamp, secret) },
  };
}

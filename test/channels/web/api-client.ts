/**
 * The web chat's JSON API as other tests drive it (Slack, dashboard, scenarios): tokens come from
 * the server and go in JSON bodies, never in a URL.
 */

/** Anything with Hono's `request` (an app, a sub-app). */
export interface Requester {
  request(input: string, init?: RequestInit): Response | Promise<Response>;
}

const json = (body: unknown): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

/** A new token, issued by the server as for a page that opens (`POST /api/chat/session`). */
export async function newChatToken(app: Requester): Promise<string> {
  const res = await app.request('/api/chat/session', { method: 'POST' });
  if (res.status !== 201) throw new Error(`session answered ${res.status}: ${await res.text()}`);
  const { token } = (await res.json()) as { token: string };
  return token;
}

/** The conversation so far for a token (`POST /api/chat/history`). */
export async function chatHistory(app: Requester, token: string): Promise<Array<{ direction: 'in' | 'out'; html: string; at: string }>> {
  const res = await app.request('/api/chat/history', json({ token }));
  if (res.status !== 200) throw new Error(`history answered ${res.status}: ${await res.text()}`);
  return ((await res.json()) as { messages: Array<{ direction: 'in' | 'out'; html: string; at: string }> }).messages;
}

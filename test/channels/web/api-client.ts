/**
 * The web chat's JSON API as other tests drive it (Slack, dashboard, scenarios): the token goes in
 * JSON bodies, never in a URL.
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

/** The conversation so far for a token (`POST /api/chat/history`). */
export async function chatHistory(app: Requester, token: string): Promise<Array<{ direction: 'in' | 'out'; html: string; at: string }>> {
  const res = await app.request('/api/chat/history', json({ token }));
  if (res.status !== 200) throw new Error(`history answered ${res.status}: ${await res.text()}`);
  return ((await res.json()) as { messages: Array<{ direction: 'in' | 'out'; html: string; at: string }> }).messages;
}

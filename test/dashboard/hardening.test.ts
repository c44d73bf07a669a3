/** Request bodies bounded before they are read, and HSTS with an https PUBLIC_URL. */
import { describe, expect, it } from 'vitest';
import { FORM_LIMIT } from '../../src/dashboard/body-limit.js';
import { useTestDatabase } from '../support/db.js';
import { Agent, dashboardApp, pathOf, seedCase, signIn } from './harness.js';

const database = useTestDatabase();
const MB2 = 2 * 1024 * 1024;
const CHUNK = 64 * 1024;

/** A body of `size` bytes made on demand, counting how many of them anything pulled. */
function countedBody(size: number): { stream: ReadableStream<Uint8Array>; pulled: () => number } {
  let sent = 0;
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (sent >= size) return controller.close();
        const n = Math.min(CHUNK, size - sent);
        sent += n;
        controller.enqueue(new Uint8Array(n).fill(0x61));
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, pulled: () => sent };
}

function post(t: { app: { request: (path: string, init: RequestInit) => Response | Promise<Response> } }, path: string, body: ReadableStream<Uint8Array>, headers: Record<string, string>) {
  return t.app.request(path, { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, duplex: 'half' } as RequestInit);
}

describe('request bodies', () => {
  it('refuses a 2 MB sign-in POST without reading it, with an HTML page', async () => {
    const t = await dashboardApp(database());
    const { link } = await t.dashboard.addUser({ email: 'big@example.org', role: 'counsellor' }, 'test');
    const body = countedBody(MB2);
    const res = await post(t, pathOf(link), body.stream, { 'content-length': String(MB2) });
    expect(res.status).toBe(413);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await res.text();
    expect(html).toContain('<title>Too much at once');
    expect(body.pulled()).toBe(0);
    // The link is still there to be used.
    const agent = new Agent(t.app);
    await agent.get(pathOf(link));
    expect((await agent.post(pathOf(link))).status).toBe(303);
  });

  it('stops reading a body sent without a length at the limit', async () => {
    const t = await dashboardApp(database());
    const body = countedBody(MB2);
    const res = await post(t, `/admin/login/${'a'.repeat(43)}`, body.stream, {});
    expect(res.status).toBe(413);
    expect(body.pulled()).toBeLessThanOrEqual(FORM_LIMIT + CHUNK);
  });

  it('bounds signed-in forms too, and lets the largest real ones through', async () => {
    const t = await dashboardApp(database());
    const created = await seedCase(t);
    const agent = await signIn(t, 'limits@example.org', 'coordinator');
    await agent.get(`/admin/cases/${created.reference}`);
    const cookie = [...agent.cookies].map(([k, v]) => `${k}=${v}`).join('; ');

    const big = countedBody(MB2);
    expect((await post(t, `/admin/cases/${created.reference}/status`, big.stream, { cookie, 'content-length': String(MB2) })).status).toBe(413);
    expect(big.pulled()).toBe(0);

    // A note at its 4,000-character maximum in a three-byte script is 36 KB once encoded.
    const note = 'क'.repeat(4000);
    const res = await agent.post(`/admin/cases/${created.reference}/notes`, { text: note });
    expect(res.status).toBe(303);
    expect((await t.stores.dashboard.cases.detail(created.reference, 1))?.notes[0]?.text).toBe(note);
    // A service entry at every field's maximum.
    const service = await agent.post('/admin/lists/services', { country: 'RS', municipality: 'ž'.repeat(120), name: 'ж'.repeat(200), what: 'ع'.repeat(500), contact: 'ก'.repeat(300) });
    expect(service.headers.get('location')).toBe('/admin/lists?done=service#services');
    // The same form with more than any field allows is refused unread.
    expect((await agent.post('/admin/lists/services', { country: 'RS', name: 'x', what: 'x'.repeat(FORM_LIMIT) })).status).toBe(413);
  });
});

describe('HTTPS', () => {
  it('sends HSTS and Secure cookies when PUBLIC_URL is https, neither on http', async () => {
    for (const [url, secure] of [
      ['http://localhost:8787', false],
      ['https://avrr.example.org', true],
    ] as const) {
      const t = await dashboardApp(database(), { PUBLIC_URL: url });
      const login = await new Agent(t.app).get('/admin/login');
      expect(login.headers.get('strict-transport-security')).toBe(secure ? 'max-age=31536000' : null);
      const { link } = await t.dashboard.addUser({ email: `hsts-${String(secure)}@example.org`, role: 'counsellor' }, 'test');
      const agent = new Agent(t.app);
      await agent.get(pathOf(link));
      const signedIn = await agent.post(pathOf(link));
      const cookie = signedIn.headers.getSetCookie().find((c) => c.startsWith('avrr_session=')) ?? '';
      expect(/;\s*Secure/.test(cookie)).toBe(secure);
      expect(signedIn.headers.get('strict-transport-security')).toBe(secure ? 'max-age=31536000' : null);
      const page = await agent.get('/admin');
      expect(page.headers.get('strict-transport-security')).toBe(secure ? 'max-age=31536000' : null);
    }
  });
});

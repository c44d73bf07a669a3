import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../support/db.js';
import type { Database } from '../../src/db/index.js';
import { Agent, NOW, dashboardApp, pathOf, seedCase, signIn } from './harness.js';

const database = useTestDatabase();

describe('sign-in with one-time links', () => {
  it('signs in once with a link; the second use shows that it expired', async () => {
    const t = await dashboardApp(database());
    const { link } = await t.dashboard.addUser({ email: 'Ana@Example.org', role: 'coordinator' }, 'test');
    expect(link).toMatch(/^http:\/\/localhost:8787\/admin\/login\/[A-Za-z0-9_-]{43}$/);

    const agent = new Agent(t.app);
    const confirm = await agent.get(pathOf(link));
    expect(confirm.status).toBe(200);
    const formToken = agent.csrf;
    expect(confirm.html).toContain('ana@example.org');
    // Opening the link (a chat app's preview does too) must not use it up.
    expect((await new Agent(t.app).get(pathOf(link))).status).toBe(200);

    const signedIn = await agent.post(pathOf(link));
    expect(signedIn.status).toBe(303);
    expect(signedIn.headers.get('location')).toBe('/admin');
    expect((await agent.get('/admin')).status).toBe(200);

    const again = new Agent(t.app);
    expect((await again.get(pathOf(link))).status).toBe(410);
    expect((await agent.post(pathOf(link), { _csrf: formToken })).status).toBe(410);
  });

  it('sets the session cookie HttpOnly, SameSite=Lax, on /admin, and Secure only with an https PUBLIC_URL', async () => {
    for (const [url, secure] of [
      ['http://localhost:8787', false],
      ['https://avrr.example.org', true],
    ] as const) {
      const t = await dashboardApp(database(), { PUBLIC_URL: url });
      const { link } = await t.dashboard.addUser({ email: `c-${String(secure)}@example.org`, role: 'counsellor' }, 'test');
      expect(link.startsWith(`${url}/admin/login/`)).toBe(true);
      const agent = new Agent(t.app);
      await agent.get(pathOf(link));
      const res = await agent.post(pathOf(link));
      const cookie = res.headers.getSetCookie().find((c) => c.startsWith('avrr_session='));
      expect(cookie).toBeDefined();
      expect(cookie).toMatch(/HttpOnly/);
      expect(cookie).toMatch(/SameSite=Lax/);
      expect(cookie).toMatch(/Path=\/admin/);
      expect(/;\s*Secure/.test(cookie ?? '')).toBe(secure);
    }
  });

  it('refuses a link after its 15 minutes', async () => {
    const t = await dashboardApp(database(), { LOGIN_LINK_MINUTES: '15' });
    const clock = { now: new Date('2026-11-23T10:00:00Z') };
    const { createDashboard } = await import('../../src/dashboard/index.js');
    const dashboard = createDashboard({
      env: t.env,
      content: (await import('../support/app.js')).realContent(),
      translator: t.translator,
      stores: t.stores.dashboard,
      workflow: () => t.workflow,
      after: { stores: t.stores.after, appointments: t.appointments, documents: t.documents, travel: t.travel },
      log: (await import('../../src/log.js')).silentLogger,
      clock: () => clock.now,
    });
    const { link } = await dashboard.addUser({ email: 'late@example.org', role: 'counsellor' }, 'test');
    clock.now = new Date('2026-11-23T10:16:00Z');
    const agent = new Agent(new Hono().route('/admin', dashboard.app));
    expect((await agent.get(pathOf(link))).status).toBe(410);
  });

  it('rejects a sign-in form without the token from the page', async () => {
    const t = await dashboardApp(database());
    const { link } = await t.dashboard.addUser({ email: 'x@example.org', role: 'counsellor' }, 'test');
    const agent = new Agent(t.app);
    await agent.get(pathOf(link));
    expect((await agent.post(pathOf(link), { _csrf: 'forged-forged-forged-forged-forged' })).status).toBe(403);
    // The failed attempt did not use the link up.
    expect((await agent.post(pathOf(link))).status).toBe(303);
  });

  it('signs out, and the old cookie no longer opens anything', async () => {
    const t = await dashboardApp(database());
    const agent = await signIn(t, 'out@example.org', 'coordinator');
    const cookie = new Map(agent.cookies);
    expect((await agent.post('/admin/logout')).status).toBe(303);
    const stale = new Agent(t.app);
    for (const [k, v] of cookie) stale.cookies.set(k, v);
    const res = await stale.get('/admin');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/admin/login');
  });

  it('ends sessions after ADMIN_SESSION_HOURS', async () => {
    const t = await dashboardApp(database(), { ADMIN_SESSION_HOURS: '1' });
    const agent = await signIn(t, 'short@example.org', 'coordinator');
    const [[name, value]] = [...agent.cookies].filter(([k]) => k === 'avrr_session') as [[string, string]];
    const { sha256Hex } = await import('../../src/dashboard/security.js');
    const session = await t.stores.dashboard.auth.session(await sha256Hex(value), new Date('2026-11-23T10:59:00Z'));
    expect(session?.user.email).toBe('short@example.org');
    expect(await t.stores.dashboard.auth.session(await sha256Hex(value), new Date('2026-11-23T11:01:00Z'))).toBeNull();
    expect(name).toBe('avrr_session');
  });
});

describe('without a session nothing shows data', () => {
  const pages = ['/admin', '/admin/stats', '/admin/lists', '/admin/translations', '/admin/users', '/admin/audit', '/admin/settings', '/admin/cases/AVR-2026-000001', '/admin/nowhere'];

  it('redirects every page to the sign-in page and answers 401 for the CSV', async () => {
    const t = await dashboardApp(database());
    const created = await seedCase(t);
    const agent = new Agent(t.app);
    for (const path of [...pages, `/admin/cases/${created.reference}`]) {
      const res = await agent.get(path);
      expect(res.status, path).toBe(303);
      expect(res.headers.get('location'), path).toBe('/admin/login');
      expect(res.html, path).not.toContain(created.reference);
    }
    const csv = await agent.get('/admin/applications.csv');
    expect(csv.status).toBe(401);
    expect(csv.html).not.toContain(created.reference);
    const post = await agent.post(`/admin/cases/${created.reference}/status`, { status: 'closed', _csrf: '' });
    expect(post.status).toBe(303);
    expect((await t.stores.dashboard.cases.summary(created.reference))?.status).toBe('submitted');
  });

  it('refuses a POST without the session CSRF token', async () => {
    const t = await dashboardApp(database());
    const created = await seedCase(t);
    const agent = await signIn(t, 'csrf@example.org', 'coordinator');
    const res = await agent.post(`/admin/cases/${created.reference}/notes`, { text: 'hello', _csrf: '' });
    expect(res.status).toBe(403);
    const forged = await agent.post(`/admin/cases/${created.reference}/notes`, { text: 'hello', _csrf: 'A'.repeat(43) });
    expect(forged.status).toBe(403);
    expect((await agent.post(`/admin/cases/${created.reference}/notes`, { text: 'hello' })).status).toBe(303);
  });

  it('puts the CSRF token into every form', async () => {
    const t = await dashboardApp(database());
    const created = await seedCase(t);
    const agent = await signIn(t, 'forms@example.org', 'admin');
    for (const path of ['/admin', `/admin/cases/${created.reference}`, '/admin/lists', '/admin/users']) {
      const { html } = await agent.get(path);
      const posts = [...html.matchAll(/<form[^>]*method="post"[^>]*>([\s\S]*?)<\/form>/g)];
      expect(posts.length, path).toBeGreaterThan(0);
      for (const [form] of posts) expect(form, path).toContain(`name="_csrf" value="${agent.csrf}"`);
    }
  });

  it('sends no-store, a strict CSP and no referrer on every answer', async () => {
    const t = await dashboardApp(database());
    const res = await new Agent(t.app).get('/admin/login');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
  });
});

describe('the first admin', () => {
  const empty = useTestDatabase();
  const alsoEmpty = useTestDatabase();

  async function fresh(database: Database, lines: Array<{ message: string; data?: Record<string, unknown> }>) {
    const t = await dashboardApp(database);
    const { createDashboard } = await import('../../src/dashboard/index.js');
    const dashboard = createDashboard({
      env: t.env,
      content: (await import('../support/app.js')).realContent(),
      translator: t.translator,
      stores: t.stores.dashboard,
      workflow: () => t.workflow,
      after: { stores: t.stores.after, appointments: t.appointments, documents: t.documents, travel: t.travel },
      log: { log: (_level, message, data) => void lines.push({ message, ...(data ? { data } : {}) }) },
      clock: () => NOW,
    });
    return { t, dashboard };
  }

  it('hands a one-time link to the outlet, never to the log, while no admin exists; whoever opens it names the admin', async () => {
    const lines: Array<{ message: string; data?: Record<string, unknown> }> = [];
    const { t, dashboard } = await fresh(empty(), lines);
    const delivered: Array<{ link: string; expiresAt: Date }> = [];
    let cleared = 0;
    const outlet = {
      deliver: async (link: string, expiresAt: Date) => (delivered.push({ link, expiresAt }), { file: '/srv/avrr/first-admin-link.txt', terminal: false }),
      clear: async () => void cleared++,
    };
    await dashboard.start({ cliSecret: null, firstAdminLink: outlet });
    expect(delivered).toHaveLength(1);
    const link = delivered[0]?.link ?? '';
    expect(link).toMatch(/\/admin\/login\//);
    expect(delivered[0]?.expiresAt).toEqual(new Date('2026-11-23T10:15:00Z'));
    // The log says where the link is, and never carries it.
    expect(lines.find((l) => l.message.includes('first admin'))?.message).toContain('/srv/avrr/first-admin-link.txt');
    expect(JSON.stringify(lines)).not.toContain('/admin/login/');

    // A second start before anyone used it: the earlier link stops working.
    await dashboard.start({ cliSecret: null, firstAdminLink: outlet });
    const latest = delivered[1]?.link ?? '';
    const app = new Hono().route('/admin', dashboard.app);
    expect((await new Agent(app).get(pathOf(link))).status).toBe(410);

    const agent = new Agent(app);
    const page = await agent.get(pathOf(latest));
    expect(page.html).toContain('name="email"');
    expect((await agent.post(pathOf(latest), { email: 'First@Example.org' })).status).toBe(303);
    expect((await t.stores.dashboard.auth.userByEmail('first@example.org'))?.role).toBe('admin');
    // The first admin's session is their own: nothing done in it is marked as someone else's link.
    const { rows } = await t.stores.dashboard.audit.list({ action: 'auth.sign_in', offset: 0, limit: 1 });
    expect(rows[0]).toMatchObject({ actor: 'first@example.org', data: {} });
    // With an admin, a restart logs nothing, makes no link and removes the old one.
    lines.length = 0;
    await dashboard.start({ cliSecret: null, firstAdminLink: outlet });
    expect(lines).toEqual([]);
    expect(delivered).toHaveLength(2);
    expect(cleared).toBe(1);
  });

  it('makes no link without an outlet, starts when the outlet fails, and says how to add an admin', async () => {
    const lines: Array<{ message: string; data?: Record<string, unknown> }> = [];
    const { t, dashboard } = await fresh(alsoEmpty(), lines);
    await dashboard.start({ cliSecret: null });
    expect(lines.map((l) => l.message)).toEqual(['no admin yet: make one with `npm run user:add -- --email <address> --role admin`']);
    const { total } = await t.stores.dashboard.audit.list({ action: 'user.first_admin_link', offset: 0, limit: 1 });
    expect(total).toBe(0);

    lines.length = 0;
    const broken = { deliver: () => Promise.reject(new Error('read-only file system')), clear: () => Promise.resolve() };
    await dashboard.start({ cliSecret: null, firstAdminLink: broken });
    expect(lines[0]?.message).toContain('npm run user:add');
    expect(JSON.stringify(lines)).not.toContain('/admin/login/');
  });
});

describe('the loopback endpoint of user:add', () => {
  it('adds a user only with the secret the service was started with', async () => {
    const t = await dashboardApp(database());
    const call = (secret: string | null, body: unknown) =>
      t.app.request('/admin/cli/users', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(secret ? { authorization: `Bearer ${secret}` } : {}) },
        body: JSON.stringify(body),
      });
    expect((await call('anything', { email: 'a@example.org', role: 'admin' })).status).toBe(404);
    await t.dashboard.start({ cliSecret: 'the-secret-the-secret-the-secret-1' });
    expect((await call(null, { email: 'a@example.org', role: 'admin' })).status).toBe(401);
    expect((await call('wrong', { email: 'a@example.org', role: 'admin' })).status).toBe(401);
    expect((await call('the-secret-the-secret-the-secret-1', { email: 'a@example.org', role: 'boss' })).status).toBe(400);
    const ok = await call('the-secret-the-secret-the-secret-1', { email: 'A@example.org', role: 'admin' });
    expect(ok.status).toBe(200);
    const body = (await ok.json()) as { email: string; role: string; created: boolean; link: string };
    expect(body).toMatchObject({ email: 'a@example.org', role: 'admin', created: true });
    expect((await new Agent(t.app).get(pathOf(body.link))).status).toBe(200);
  });
});

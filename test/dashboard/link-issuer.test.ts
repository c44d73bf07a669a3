/**
 * Security review M4: an admin must not silently become another user. A link issued for someone else
 * is shown once and audit-logged as such, the session it opens records its issuer, every action in
 * that session names the issuer, and a new link revokes the user's earlier unused ones.
 */
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../support/db.js';
import { Agent, dashboardApp, pathOf, seedCase, signIn } from './harness.js';

const database = useTestDatabase();
const linkIn = (html: string) => /id="sign-in-link">([^<]+)</.exec(html)?.[1] ?? '';

describe('sign-in links for someone else', () => {
  it('are audit-logged, shown once, revoke earlier ones, and mark everything done with them', async () => {
    const t = await dashboardApp(database());
    const created = await seedCase(t);
    const admin = await signIn(t, 'boss@example.org', 'admin');
    await admin.get('/admin/users');

    // Adding a user shows their first link on the page, once.
    const added = await admin.post('/admin/users', { email: 'Colleague@Example.org', role: 'coordinator' });
    const first = linkIn(added.html);
    expect(first).toMatch(/\/admin\/login\//);
    const colleague = await t.stores.dashboard.auth.userByEmail('colleague@example.org');
    expect((await admin.get('/admin/users')).html).not.toContain(pathOf(first));

    // A second link for the same person: the first stops working.
    const again = await admin.post(`/admin/users/${colleague?.id}/link`);
    const second = linkIn(again.html);
    expect(second).not.toBe(first);
    expect((await new Agent(t.app).get(pathOf(first))).status).toBe(410);

    const { rows: issued } = await t.stores.dashboard.audit.list({ action: 'user.sign_in_link', target: `user:${colleague?.id}`, offset: 0, limit: 5 });
    expect(issued.map((r) => [r.actor, r.actorId !== null, r.data['email'], r.data['revoked']])).toEqual([
      ['boss@example.org', true, 'colleague@example.org', 1],
      ['boss@example.org', true, 'colleague@example.org', 0],
    ]);

    // Whoever opens it (here: the admin's own browser) acts as the colleague, and the log says how.
    const impostor = new Agent(t.app);
    await impostor.get(pathOf(second));
    expect((await impostor.post(pathOf(second))).status).toBe(303);
    expect((await impostor.get(`/admin/cases/${created.reference}`)).status).toBe(200);
    await impostor.post(`/admin/cases/${created.reference}/notes`, { text: 'looked at it' });
    for (const action of ['auth.sign_in', 'case.view', 'case.note']) {
      const { rows } = await t.stores.dashboard.audit.list({ action, actor: 'colleague@example.org', offset: 0, limit: 1 });
      expect(rows[0]?.data['link_issued_by'], action).toBe('boss@example.org');
    }

    const audit = await admin.get('/admin/audit');
    expect(audit.html).toContain('boss@example.org issued a sign-in link for colleague@example.org (earlier unused links revoked: 1)');
    expect(audit.html).toContain('signed in via a link issued by boss@example.org');
  });

  it('leave a session of one\'s own unmarked: /avrr login, and an admin\'s link for themselves', async () => {
    const t = await dashboardApp(database());
    const created = await seedCase(t);
    await t.stores.dashboard.auth.upsertUser({ email: 'self@example.org', role: 'coordinator', slackUserId: 'U0SELF' }, new Date());

    // Slack's /avrr login: the link goes privately to the person who asked.
    const older = await t.dashboard.loginLink({ slackUserId: 'U0SELF' }, 'slack');
    const link = await t.dashboard.loginLink({ slackUserId: 'U0SELF' }, 'slack');
    expect(older && link).toBeTruthy();
    expect((await new Agent(t.app).get(pathOf(older ?? ''))).status).toBe(410);
    const agent = new Agent(t.app);
    await agent.get(pathOf(link ?? ''));
    expect((await agent.post(pathOf(link ?? ''))).status).toBe(303);
    await agent.get(`/admin/cases/${created.reference}`);
    const { rows } = await t.stores.dashboard.audit.list({ action: 'case.view', actor: 'self@example.org', offset: 0, limit: 1 });
    expect(rows[0]?.data).toEqual({});
    const { rows: sent } = await t.stores.dashboard.audit.list({ action: 'user.sign_in_link', actor: 'slack', offset: 0, limit: 1 });
    expect(sent[0]?.data).toMatchObject({ email: 'self@example.org', to_themselves: true, revoked: 1 });

    // An admin's link for themselves opens their own session.
    const admin = await signIn(t, 'own@example.org', 'admin');
    const me = await t.stores.dashboard.auth.userByEmail('own@example.org');
    await admin.get('/admin/users');
    const own = linkIn((await admin.post(`/admin/users/${me?.id}/link`)).html);
    const browser = new Agent(t.app);
    await browser.get(pathOf(own));
    await browser.post(pathOf(own));
    await browser.get(`/admin/cases/${created.reference}`);
    const { rows: mine } = await t.stores.dashboard.audit.list({ action: 'case.view', actor: 'own@example.org', offset: 0, limit: 1 });
    expect(mine[0]?.data).toEqual({});
  });
});

import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../support/db.js';
import { dashboardApp, seedCase, signIn } from './harness.js';

const database = useTestDatabase();

describe('roles', () => {
  it('counsellor: the queue and their own cases, nothing else', async () => {
    const t = await dashboardApp(database());
    const counsellor = await signIn(t, 'counsellor@example.org', 'counsellor');
    const user = await t.stores.dashboard.auth.userByEmail('counsellor@example.org');
    const mine = await seedCase(t, { assignee: `user:${user?.id}` });
    const theirs = await seedCase(t, { assignee: 'slack:USOMEONE' });
    const free = await seedCase(t);

    const queue = await counsellor.get('/admin');
    expect(queue.status).toBe(200);
    expect(queue.html).toContain(`href="/admin/cases/${mine.reference}"`);
    expect(queue.html).toContain(theirs.reference);
    expect(queue.html).not.toContain(`href="/admin/cases/${theirs.reference}"`);
    expect(queue.html).not.toContain('applications.csv');

    expect((await counsellor.get(`/admin/cases/${mine.reference}`)).status).toBe(200);
    const foreign = await counsellor.get(`/admin/cases/${theirs.reference}`);
    expect(foreign.status).toBe(403);
    expect(foreign.html).not.toContain('Ahmad Karimi');
    expect((await counsellor.post(`/admin/cases/${theirs.reference}/status`, { status: 'closed' })).status).toBe(403);
    expect((await counsellor.post(`/admin/cases/${theirs.reference}/notes`, { text: 'x' })).status).toBe(403);

    for (const path of ['/admin/stats', '/admin/lists', '/admin/translations', '/admin/users', '/admin/audit', '/admin/settings']) {
      expect((await counsellor.get(path)).status, path).toBe(403);
    }
    expect((await counsellor.get('/admin/applications.csv')).status).toBe(403);

    // Claiming a free case makes it theirs.
    const claim = await counsellor.post(`/admin/cases/${free.reference}/claim`);
    expect(claim.status).toBe(303);
    expect((await counsellor.get(`/admin/cases/${free.reference}`)).status).toBe(200);
  });

  it('a counsellor linked to Slack owns the cases claimed in Slack', async () => {
    const t = await dashboardApp(database());
    const agent = await signIn(t, 'slacker@example.org', 'counsellor');
    const user = await t.stores.dashboard.auth.userByEmail('slacker@example.org');
    await t.stores.dashboard.auth.updateUser(user?.id ?? '', { slackUserId: 'U0SLACKER' }, new Date());
    const claimed = await seedCase(t, { assignee: 'slack:U0SLACKER' });
    expect((await agent.get(`/admin/cases/${claimed.reference}`)).status).toBe(200);
  });

  it('coordinator: all cases, exports and lists, but not users or the audit log', async () => {
    const t = await dashboardApp(database());
    const coordinator = await signIn(t, 'coord@example.org', 'coordinator');
    const other = await seedCase(t, { assignee: 'slack:USOMEONE' });
    expect((await coordinator.get(`/admin/cases/${other.reference}`)).status).toBe(200);
    for (const path of ['/admin/stats', '/admin/lists', '/admin/translations', '/admin/applications.csv']) {
      expect((await coordinator.get(path)).status, path).toBe(200);
    }
    for (const path of ['/admin/users', '/admin/audit', '/admin/settings']) {
      expect((await coordinator.get(path)).status, path).toBe(403);
    }
    expect((await coordinator.post('/admin/users', { email: 'x@example.org', role: 'admin' })).status).toBe(403);
  });

  it('admin: users, settings and the audit log too', async () => {
    const t = await dashboardApp(database());
    const admin = await signIn(t, 'admin@example.org', 'admin');
    for (const path of ['/admin/users', '/admin/audit', '/admin/settings', '/admin/stats', '/admin/applications.csv']) {
      expect((await admin.get(path)).status, path).toBe(200);
    }
    const added = await admin.post('/admin/users', { email: 'New@Example.org', role: 'counsellor' });
    expect(added.status).toBe(200);
    expect(added.html).toMatch(/id="sign-in-link">http:\/\/localhost:8787\/admin\/login\/[A-Za-z0-9_-]+</);
    const user = await t.stores.dashboard.auth.userByEmail('new@example.org');
    expect(user?.role).toBe('counsellor');

    // Switching an account off ends its sessions at once.
    const victim = await signIn(t, 'leaver@example.org', 'coordinator');
    const leaver = await t.stores.dashboard.auth.userByEmail('leaver@example.org');
    await admin.get('/admin/users');
    expect((await admin.post(`/admin/users/${leaver?.id}/disable`)).status).toBe(303);
    expect((await victim.get('/admin')).status).toBe(303);

    // Role changes apply to the next request.
    await admin.post(`/admin/users/${user?.id}`, { role: 'coordinator', slack_user_id: 'U0NEW' });
    expect(await t.stores.dashboard.auth.userByEmail('new@example.org')).toMatchObject({ role: 'coordinator', slackUserId: 'U0NEW' });

    // Nobody changes their own role.
    const self = await t.stores.dashboard.auth.userByEmail('admin@example.org');
    await admin.post(`/admin/users/${self?.id}`, { role: 'counsellor', slack_user_id: '' });
    expect((await t.stores.dashboard.auth.userByEmail('admin@example.org'))?.role).toBe('admin');

    const audit = await admin.get('/admin/audit');
    expect(audit.html).toContain('user.disable');
    expect(audit.html).toContain('auth.sign_in');
  });
});

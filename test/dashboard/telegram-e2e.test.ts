/**
 * Issue 6, "done when": a coordinator added with user:add signs in with the link (once), sees a case
 * the bot made on Telegram in the queue and in the CSV, changes its status, and the person is told
 * on Telegram (the fake Bot API receives the message).
 */
import { describe, expect, it } from 'vitest';
import { telegramHarness, useFakeTelegram } from '../channels/telegram/harness.js';
import { useTestDatabase } from '../support/db.js';
import { Agent, pathOf } from './harness.js';

const database = useTestDatabase();
const fake = useFakeTelegram();

describe('a case from Telegram, handled in the dashboard', () => {
  it('shows the case, exports it, and tells the person of the status change on Telegram', async () => {
    const h = await telegramHarness(database(), fake());
    const person = h.person('en');
    await person.text('/start');
    await person.text('/counsellor');
    const { rows } = await h.stores.dashboard.queue.list({ status: 'open' }, 'newest', { offset: 0, limit: 5 });
    expect(rows).toHaveLength(1);
    const created = rows[0]!;
    expect(created.channel).toBe('telegram');

    const { link } = await h.dashboard.addUser({ email: 'coordinator@example.org', role: 'coordinator' }, 'cli');
    const agent = new Agent(h.app);
    await agent.get(pathOf(link));
    const loginToken = agent.csrf;
    expect((await agent.post(pathOf(link))).status).toBe(303);
    expect((await new Agent(h.app).post(pathOf(link), { _csrf: loginToken })).status).toBe(403);

    const queue = await agent.get('/admin');
    expect(queue.html).toContain(`href="/admin/cases/${created.reference}"`);
    const csv = await agent.get('/admin/applications.csv');
    expect(csv.status).toBe(200);
    expect(csv.html).toContain(`${created.reference},`);
    expect(csv.html).toContain(',telegram,');

    await agent.get(`/admin/cases/${created.reference}`);
    const before = fake().messages(person.user.id).length;
    const changed = await agent.post(`/admin/cases/${created.reference}/status`, { status: 'in_review', reason: '' });
    expect(changed.headers.get('location')).toBe(`/admin/cases/${created.reference}?done=status`);
    await h.worker.run();
    const told = fake().messages(person.user.id).slice(before);
    expect(told.map((m) => ('text' in m ? m.text : ''))).toContainEqual(expect.stringContaining(`A counsellor is now looking at your application ${created.reference}`));
  });
});

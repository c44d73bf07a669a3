import { describe, expect, it } from 'vitest';
import { lastWeeks } from '../../src/dashboard/routes/stats.js';
import { countTicks, niceMax } from '../../src/dashboard/views/charts.js';
import { changeCase } from '../support/cases.js';
import { useTestDatabase } from '../support/db.js';
import { newChatToken } from '../channels/web/api-client.js';
import { dashboardApp, NOW, seedCase, signIn } from './harness.js';

const database = useTestDatabase();
const daysAgo = (d: number) => new Date(NOW.getTime() - d * 86_400_000);

describe('statistics', () => {
  it('counts cases per week by outcome, the funnel, languages, nationalities and the time to claim', async () => {
    const t = await dashboardApp(database());
    await seedCase(t, { createdAt: daysAgo(1), outcome: 'LIKELY_ELIGIBLE', language: 'ar' });
    await seedCase(t, { createdAt: daysAgo(8), outcome: 'COUNSELLOR_REVIEW' });
    await seedCase(t, { createdAt: daysAgo(8), outcome: 'REFER_PROTECTION', kind: 'protection', queue: 'protection', nationality: 'SY' });
    const claimed = await seedCase(t, { createdAt: daysAgo(2) });
    await changeCase(t, claimed.id, { assignee: 'slack:U1' }, new Date(daysAgo(2).getTime() + 3 * 3_600_000));
    const departed = await seedCase(t, { createdAt: daysAgo(20) });
    await changeCase(t, departed.id, { status: 'departed' }, NOW);

    const s = t.stores.dashboard.stats;
    const weekly = await s.weeklyByOutcome(daysAgo(30));
    // NOW is Monday 2026-11-23: a day ago is the week before.
    expect(weekly).toEqual([
      { week: '2026-11-02', outcome: 'COUNSELLOR_REVIEW', count: 1 },
      { week: '2026-11-09', outcome: 'COUNSELLOR_REVIEW', count: 1 },
      { week: '2026-11-09', outcome: 'REFER_PROTECTION', count: 1 },
      { week: '2026-11-16', outcome: 'COUNSELLOR_REVIEW', count: 1 },
      { week: '2026-11-16', outcome: 'LIKELY_ELIGIBLE', count: 1 },
    ]);
    const funnel = await s.funnel();
    expect(funnel).toMatchObject({ started: 5, consented: 5, screened: 5, applied: 4, claimed: 1, departed: 1 });
    expect(await s.medianHoursToClaim()).toBeCloseTo(3, 5);
    expect((await s.byLanguage()).find((r) => r.key === 'ar')).toEqual({ key: 'ar', conversations: 1, cases: 1 });
    expect((await s.byNationality(10))[0]).toEqual({ key: 'AF', cases: 4 });

    const agent = await signIn(t, 'stats@example.org', 'coordinator');
    const page = await agent.get('/admin/stats');
    expect(page.status).toBe(200);
    // Charts are inline SVG with a title, readable without any script.
    expect(page.html).not.toContain('<script');
    expect(page.html.match(/<svg class="chart"/g)?.length).toBeGreaterThanOrEqual(3);
    expect(page.html).toContain('<title id="weekly-title">Cases per week, by outcome</title>');
    expect(page.html).toContain('3.0 h');
  });

  it('counts where conversations stop, from the stored sessions', async () => {
    const t = await dashboardApp(database());
    const token = await newChatToken(t.app);
    const post = (body: Record<string, unknown>) =>
      t.app.request('/api/chat/messages', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token, ...body }) });
    await post({ id: '1', command: 'start', language: 'en' });
    const drop = await t.stores.dashboard.stats.dropOff(new Date(NOW.getTime() + 86_400_000));
    expect(drop.length).toBeGreaterThan(0);
    expect(drop[0]?.dropped).toBe(1);
    expect(await t.stores.dashboard.stats.dropOff(new Date(0))).toEqual(drop.map((d) => ({ ...d, dropped: 0 })));
  });

  it('lays out weeks and axes', () => {
    expect(lastWeeks(new Date('2026-11-23T10:00:00Z'), 3)).toEqual(['2026-11-09', '2026-11-16', '2026-11-23']);
    expect(lastWeeks(new Date('2026-11-29T23:00:00Z'), 1)).toEqual(['2026-11-23']);
    expect([0, 1, 3, 7, 12, 180].map(niceMax)).toEqual([1, 1, 5, 10, 20, 200]);
    expect(countTicks(5)).toEqual([0, 2, 4, 6]);
    expect(countTicks(3)).toEqual([0, 1, 2, 3]);
    expect(countTicks(0)).toEqual([0, 1]);
    expect(countTicks(37)).toEqual([0, 10, 20, 30, 40]);
  });
});

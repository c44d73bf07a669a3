/**
 * The dashboard in a real browser, end to end: a coordinator signs in with a one-time link, filters
 * the queue, opens a case the bot made on Telegram, changes its status (the person is told on the
 * fake Telegram), and downloads the CSV. Screenshots: the queue, a case, the statistics.
 */
import { readFile } from 'node:fs/promises';
import { serve, type ServerType } from '@hono/node-server';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { telegramHarness, useFakeTelegram, type Harness } from '../channels/telegram/harness.js';
import { useTestDatabase } from '../support/db.js';
import { seedDemo } from './demo-data.js';
import { describeBrowser, freePort, openBrowser, screenshot, type Browser } from './support.js';

const database = useTestDatabase();
const fake = useFakeTelegram();

describeBrowser('the dashboard in Chromium', () => {
  let h: Harness;
  let server: ServerType;
  let base = '';
  let browser: Browser;

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    h = await telegramHarness(database(), fake(), { env: { PUBLIC_URL: base } });
    // A real browser checks cookie expiry against the real clock.
    h.clock.now = new Date();
    server = serve({ fetch: h.app.fetch, port, hostname: '127.0.0.1' });
    browser = await openBrowser();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  });

  it('signs in with a link, filters, opens a case, changes its status and downloads the CSV', async () => {
    const { page } = browser;
    await h.stores.dashboard.auth.upsertUser({ email: 'amina@example.org', role: 'counsellor', slackUserId: 'U0DEMO' }, h.clock.now);
    await seedDemo(h, h.clock.now);
    // The case under test comes from the bot, on Telegram.
    const person = h.person('en');
    await person.text('/start');
    await person.text('/counsellor');
    const { rows } = await h.stores.dashboard.queue.list({ status: 'open', queue: 'general' }, 'newest', { offset: 0, limit: 5 });
    const reference = rows[0]?.reference ?? '';
    expect(rows[0]?.channel).toBe('telegram');

    const { link } = await h.dashboard.addUser({ email: 'coordinator@example.org', role: 'coordinator' }, 'cli');
    await page.goto(`${base}/admin`);
    expect(new URL(page.url()).pathname).toBe('/admin/login');
    await page.goto(link);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${base}/admin`);
    await expect.poll(() => page.locator(`tr[data-reference="${reference}"]`).count()).toBe(1);
    const cookies = await browser.context.cookies();
    expect(cookies.find((c) => c.name === 'avrr_session')).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/admin' });
    await screenshot(page, 'dashboard-queue', { fullPage: true });

    // The link worked once.
    await page.goto(link);
    expect(await page.locator('h1').textContent()).toBe('This link does not work');

    // Filter the queue.
    await page.goto(`${base}/admin`);
    await page.getByLabel('Queue', { exact: true }).selectOption('general');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.waitForURL(/queue=general/);
    expect(await page.locator('tbody tr[data-reference]').count()).toBe(1);
    await page.getByLabel('Queue', { exact: true }).selectOption('protection');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.waitForURL(/queue=protection/);
    expect(await page.locator(`tr[data-reference="${reference}"]`).count()).toBe(0);
    expect(await page.locator('tr.late').count()).toBeGreaterThan(0);

    // Open the Telegram case and change its status.
    await page.goto(`${base}/admin?queue=general`);
    await page.getByRole('link', { name: reference }).click();
    await page.waitForURL(`${base}/admin/cases/${reference}`);
    const before = fake().messages(person.user.id).length;
    await page.getByLabel('New status').selectOption('in_review');
    await page.getByLabel(/^Reason/).fill('Called, will meet on Monday');
    await page.getByRole('button', { name: 'Change status' }).click();
    await page.waitForURL(/done=status/);
    expect(await page.getByRole('status').first().textContent()).toContain('Status changed');
    expect(await page.locator('ol.timeline').textContent()).toContain('changed the status from Submitted to In review');
    await h.worker.run();
    const told = fake().messages(person.user.id).slice(before).map((m) => ('text' in m ? (m.text ?? '') : ''));
    expect(told.some((text) => text.includes(`A counsellor is now looking at your application ${reference}`))).toBe(true);

    // A case with answers and a screening, for the screenshot.
    const demo = await h.stores.dashboard.queue.list({ status: 'open', nationality: 'IQ' }, 'newest', { offset: 0, limit: 1 });
    await page.goto(`${base}/admin/cases/${demo.rows[0]?.reference ?? reference}`);
    await screenshot(page, 'dashboard-case', { fullPage: true });

    // Download the CSV of the current filters.
    await page.goto(`${base}/admin?status=all`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download CSV' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^applications-\d{4}-\d{2}-\d{2}\.csv$/);
    const bytes = await readFile((await download.path()) ?? '');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = bytes.toString('utf8');
    expect(csv).toContain(`${reference},`);
    expect(csv.split('\r\n').filter((l) => /^AVR-/.test(l))).toHaveLength(17);

    // Statistics, readable without JavaScript (the dashboard sends none).
    await page.goto(`${base}/admin/stats`);
    expect(await page.locator('svg.chart').count()).toBeGreaterThanOrEqual(3);
    expect(await page.locator('script').count()).toBe(0);
    await screenshot(page, 'dashboard-statistics', { fullPage: true });

    // The lists and translations, for a look (not in docs/).
    await page.goto(`${base}/admin/lists`);
    expect(await page.locator('#destinations tbody tr').count()).toBeGreaterThan(0);
    await screenshot(page, 'dashboard-lists', { fullPage: true, docs: false });
    await page.goto(`${base}/admin/translations`);
    await screenshot(page, 'dashboard-translations', { docs: false });

    // Audit trail of what this session did.
    const audit = await h.stores.dashboard.audit.list({ actor: 'coordinator@example.org', offset: 0, limit: 50 });
    expect(audit.rows.map((r) => r.action)).toEqual(expect.arrayContaining(['auth.sign_in', 'case.view', 'case.status', 'export.csv']));
  }, 120_000);
});

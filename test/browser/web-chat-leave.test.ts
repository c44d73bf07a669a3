/**
 * "Clear and leave" in Chromium: after it, the tab shows the neutral page, Back does not bring the
 * conversation back, and the chat opened again in that tab is a new one. The neutral page is
 * answered locally (the test has no internet).
 */
import { serve, type ServerType } from '@hono/node-server';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { LEAVE_URL } from '../../src/channels/web/leave-url.js';
import { testApp } from '../support/app.js';
import { useTestDatabase } from '../support/db.js';
import { describeBrowser, freePort, openBrowser, type Browser } from './support.js';

const database = useTestDatabase();
const NEUTRAL = new URL(LEAVE_URL);

describeBrowser('"Clear and leave" in the web chat', () => {
  let server: ServerType;
  let base = '';
  let browser: Browser;

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    const t = await testApp(database());
    server = serve({ fetch: t.app.fetch, port, hostname: '127.0.0.1' });
    browser = await openBrowser({ viewport: { width: 390, height: 844 }, mobile: true, locale: 'en' });
    await browser.context.route(`${NEUTRAL.origin}/**`, (route) =>
      route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>Weather</title><p>Sunny</p>' }),
    );
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  });

  it('wipes the conversation from the tab and replaces the page with the neutral one', async () => {
    const { page } = browser;
    await page.goto(`${base}/?lang=en`);
    const bots = page.locator('#log li.msg.bot');
    await expect.poll(() => bots.count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await page.locator('#text').fill('a secret only this tab should know');
    await page.locator('#text').press('Enter');
    await expect.poll(() => page.locator('#log li.msg.user').count(), { timeout: 15_000 }).toBe(1);
    await expect.poll(() => page.evaluate(() => sessionStorage.getItem('webchat.token')), { timeout: 15_000 }).toBeTruthy();
    const token = await page.evaluate(() => sessionStorage.getItem('webchat.token'));

    // In view even after scrolling to the end of the conversation.
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    const leave = page.getByRole('link', { name: 'Clear and leave' });
    await expect.poll(() => leave.isVisible()).toBe(true);
    const box = await leave.boundingBox();
    expect(box && box.y >= 0 && box.y + box.height <= 844).toBe(true);

    await leave.click();
    await page.waitForURL((url) => url.origin === NEUTRAL.origin, { timeout: 15_000 });
    expect(await page.title()).toBe('Weather');

    // Back does not return to the chat: the chat page was replaced in the tab's history.
    await page.goBack().catch(() => null);
    expect(page.url().startsWith(base)).toBe(false);

    // The chat opened again in this tab starts a new conversation with a new token.
    await page.goto(`${base}/?lang=en`);
    await expect.poll(() => bots.count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await expect.poll(() => page.evaluate(() => sessionStorage.getItem('webchat.token')), { timeout: 15_000 }).toBeTruthy();
    expect(await page.evaluate(() => sessionStorage.getItem('webchat.token'))).not.toBe(token);
    expect(await page.locator('#log').textContent()).not.toContain('a secret only this tab should know');
    expect(await page.evaluate(() => localStorage.length)).toBe(0);
  }, 120_000);
});

/**
 * The web chat in Arabic on a phone-sized screen: the conversation of the Arabic scenario
 * (test/scenarios/ar-right-to-left.yaml) typed and tapped through the page, laid out right to left.
 */
import { serve, type ServerType } from '@hono/node-server';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { plainText } from '../../src/i18n/html.js';
import { testApp } from '../support/app.js';
import { useTestDatabase } from '../support/db.js';
import { loadScenarios } from '../support/scenarios.js';
import { describeBrowser, freePort, openBrowser, screenshot, type Browser } from './support.js';

const database = useTestDatabase();
const PHONE = { width: 390, height: 844 };

/** What a message shows, whitespace and direction marks aside. */
const flat = (text: string): string => plainText(text).replace(/[\u2066-\u2069\u200e\u200f]/g, '').replace(/\s+/g, ' ').trim();

describeBrowser('the Arabic web chat on a phone', () => {
  let server: ServerType;
  let base = '';
  let browser: Browser;

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    const t = await testApp(database());
    server = serve({ fetch: t.app.fetch, port, hostname: '127.0.0.1' });
    browser = await openBrowser({ viewport: PHONE, mobile: true, locale: 'ar' });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  });

  it('holds a conversation in Arabic, right to left, without sideways scrolling', async () => {
    // An Arabic conversation from its start (not one that begins with steps of the world around the person).
    const scenario = loadScenarios().find((s) => s.language === 'ar' && s.turns[0] !== undefined && 'user' in s.turns[0] && s.turns[0].user === '/start');
    expect(scenario, 'an Arabic scenario in test/scenarios').toBeDefined();
    const { page } = browser;
    await page.goto(`${base}/?lang=ar`);
    expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual(['ar', 'rtl']);

    const bots = page.locator('#log li.msg.bot');
    const lastBotText = async (): Promise<string> => flat((await bots.last().locator('.bubble').textContent()) ?? '');
    const expectLast = (turn: { bot: Array<string | { text?: string }> }) => {
      const last = turn.bot.at(-1);
      return flat(typeof last === 'string' ? last : (last?.text ?? ''));
    };

    // The page says /start by itself when it opens.
    const [first, ...rest] = scenario!.turns;
    await expect.poll(lastBotText, { timeout: 15_000 }).toBe(expectLast(first!));
    let played = 0;
    for (const turn of rest) {
      // Commands are typed in Telegram, not on this page; the world's steps are not the person's.
      if (!('user' in turn) || turn.user.startsWith('/')) break;
      const before = await bots.count();
      // `[#id]` is the button with that choice id (its label in any language), `[label]` by its label.
      const byId = /^\[#([a-z0-9_.]+)\]$/.exec(turn.user);
      const press = /^\[(.+)\]$/.exec(turn.user);
      if (byId) await bots.last().locator(`button[data-choice="${byId[1]}"]`).click();
      else if (press) await bots.last().getByRole('button', { name: press[1], exact: true }).click();
      else {
        await page.locator('#text').fill(turn.user);
        await page.locator('#text').press('Enter');
      }
      await expect.poll(() => bots.count(), { timeout: 15_000 }).toBeGreaterThan(before);
      await expect.poll(lastBotText, { timeout: 15_000 }).toBe(expectLast(turn));
      played++;
    }
    expect(played).toBeGreaterThanOrEqual(5);

    const layout = await page.evaluate(() => {
      const box = (el: Element | null) => el?.getBoundingClientRect() ?? null;
      const bot = document.querySelector('#log li.msg.bot:last-of-type');
      const user = [...document.querySelectorAll('#log li.msg.user')].at(-1) ?? null;
      return {
        width: document.documentElement.clientWidth,
        scrollWidth: document.documentElement.scrollWidth,
        logDirection: getComputedStyle(document.getElementById('log')!).direction,
        bot: box(bot),
        user: box(user),
      };
    });
    expect(layout.logDirection).toBe('rtl');
    expect(layout.scrollWidth).toBeLessThanOrEqual(layout.width);
    // The assistant's messages start on the right, the person's on the left: the page is mirrored.
    expect(layout.width - (layout.bot?.right ?? 0)).toBeLessThan(24);
    expect(layout.user?.left ?? Infinity).toBeLessThan(24);
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'webchat-arabic-phone');
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await screenshot(page, 'webchat-arabic-phone-end', { docs: false });
  }, 120_000);
});

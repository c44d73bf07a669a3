/**
 * Headless Chromium for end-to-end tests: Debian's /usr/bin/chromium driven by playwright-core
 * (never `npx playwright install`). Missing locally: the tests are skipped with a message. Missing
 * under CI=true: the test file fails, because CI must run them (`.ci/run` installs chromium).
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { describe } from 'vitest';
import { root } from '../support/app.js';

export const CHROMIUM = '/usr/bin/chromium';
const present = existsSync(CHROMIUM);

if (!present && process.env.CI === 'true') {
  throw new Error(`${CHROMIUM} is missing: under CI the browser tests must run (apt-get install -y chromium)`);
}
if (!present) console.warn(`browser tests skipped: ${CHROMIUM} is missing (apt-get install -y chromium); under CI=true this fails`);

/** `describe` when Chromium is there, `describe.skip` otherwise. */
export const describeBrowser = present ? describe : describe.skip;

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
];

export interface Browser {
  context: BrowserContext;
  page: Page;
  downloads: string;
  close(): Promise<void>;
}

/** A fresh browser profile (its own --user-data-dir), closed and deleted by `close()`. */
export async function openBrowser(options: { viewport?: { width: number; height: number }; mobile?: boolean; locale?: string } = {}): Promise<Browser> {
  const profile = await mkdtemp(join(tmpdir(), 'avrr-chromium-'));
  const downloads = join(profile, 'downloads');
  await mkdir(downloads);
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    viewport: options.viewport ?? { width: 1280, height: 900 },
    acceptDownloads: true,
    // No smooth scrolling: screenshots show a page at rest.
    reducedMotion: 'reduce',
    downloadsPath: downloads,
    ...(options.mobile ? { isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : {}),
    ...(options.locale ? { locale: options.locale } : {}),
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    downloads,
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/**
 * Screenshots go to test/.artifacts/screenshots on every run; with UPDATE_SCREENSHOTS=1 also to
 * docs/ (the README shows those), so an ordinary test run never rewrites tracked files.
 */
export async function screenshot(page: Page, name: string, options: { fullPage?: boolean; docs?: boolean } = {}): Promise<void> {
  const docs = options.docs !== false && process.env.UPDATE_SCREENSHOTS === '1';
  const dirs = [join(root, 'test', '.artifacts', 'screenshots'), ...(docs ? [join(root, 'docs')] : [])];
  for (const dir of dirs) {
    await mkdir(dir, { recursive: true });
    await page.screenshot({ path: join(dir, `${name}.png`), fullPage: options.fullPage ?? false });
  }
}

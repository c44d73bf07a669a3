import { describe, expect, it } from 'vitest';
import { webChat } from '../../../src/channels/web/index.js';
import { LEAVE_URL } from '../../../src/channels/web/leave-url.js';
import { FakeService, languages, locales, setup, TOKEN_SECRET } from './fixtures.js';

describe('GET /', () => {
  it('renders an rtl page for ?lang=ar', async () => {
    const { app } = setup();
    const res = await app.request('/?lang=ar');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toMatch(/<html lang="ar" dir="rtl">/);
    expect(html).toContain(locales.ar?.title);
  });

  it('renders an ltr page in English by default', async () => {
    const html = await (await setup().app.request('/')).text();
    expect(html).toMatch(/<html lang="en" dir="ltr">/);
  });

  it('follows Accept-Language when there is no ?lang', async () => {
    const { app } = setup();
    const page = async (header: string) => (await (await app.request('/', { headers: { 'accept-language': header } })).text()).match(/<html lang="([^"]+)"/)?.[1];
    expect(await page('de-DE,ar;q=0.8,en;q=0.5')).toBe('ar');
    expect(await page('sr-Cyrl-RS')).toBe('sr-Cyrl');
    expect(await page('sr')).toBe('sr-Cyrl');
    expect(await page('hr-HR;q=0.9, en;q=0.1')).toBe('bs');
    expect(await page('fr, de')).toBe('en');
    expect(await page('en;q=0, ur')).toBe('ur');
  });

  it('ignores an unsupported ?lang', async () => {
    const html = await (await setup().app.request('/?lang=xx', { headers: { 'accept-language': 'bs' } })).text();
    expect(html).toMatch(/<html lang="bs" dir="ltr">/);
  });

  it('lists every language by its own name in a labelled picker, the page one selected', async () => {
    const html = await (await setup().app.request('/?lang=ar')).text();
    expect(html).toMatch(/<label for="lang"/);
    for (const l of languages) expect(html).toContain(`<option value="${l.tag}" lang="${l.tag}" dir="${l.dir}"`);
    expect(html).toMatch(/<option value="ar"[^>]*selected/);
    expect(html).toContain('>Српски</option>');
  });

  it('has the chat parts: live log, labelled input, send button, start over, clear and leave, no inline script', async () => {
    const html = await (await setup().app.request('/')).text();
    expect(html).toMatch(/<ol id="log"[^>]*aria-live="polite"/);
    expect(html).toMatch(/<label for="text"/);
    expect(html).toMatch(/<button type="submit">Send<\/button>/);
    expect(html).toMatch(/<a id="restart"/);
    expect(html).toMatch(/<a id="leave" class="leave" href="https:\/\/[^"]+" rel="noreferrer" aria-describedby="privacy-note">Clear and leave<\/a>/);
    expect(html).toMatch(/<p id="privacy-note"/);
    expect(html).toMatch(/name="viewport"/);
    expect(html).toMatch(/<script src="\/chat\.js\?v=\w+" defer(="")?><\/script>/);
    expect(html).not.toMatch(/<script>|<style|style="/);
    // Nothing is loaded from elsewhere: the one outside address is where "Clear and leave" goes.
    expect(html.replace(`href="${LEAVE_URL.replaceAll('&', '&amp;')}"`, '')).not.toMatch(/https?:\/\//);
  });

  it('sends strict security headers', async () => {
    const res = await setup().app.request('/');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
  });

  it('escapes translated text', async () => {
    const app = webChat({ service: new FakeService(), languages, t: () => '<b>"x"</b>', defaultLanguage: 'en', tokenSecret: TOKEN_SECRET, clock: () => new Date('2026-11-23T10:00:00Z') });
    const html = await (await app.request('/')).text();
    expect(html).not.toContain('<b>');
    expect(html).toContain('&lt;b&gt;');
  });

  it('asks only for keys that exist, and en/bs/ar have the same keys', async () => {
    const { app, requested } = setup();
    await app.request('/');
    const keys = Object.keys(locales.en ?? {}).sort();
    for (const key of requested) expect(keys).toContain(key.replace(/^web:/, ''));
    expect(Object.keys(locales.bs ?? {}).sort()).toEqual(keys);
    expect(Object.keys(locales.ar ?? {}).sort()).toEqual(keys);
    for (const tag of ['en', 'bs', 'ar']) {
      for (const value of Object.values(locales[tag] ?? {})) expect(value).not.toMatch(/[<>&]/);
    }
  });
});

import { describe, expect, it } from 'vitest';
import { CLIENT_SCRIPT, CLIENT_STYLES } from '../../../src/channels/web/client-bundle.js';
import { setup } from './fixtures.js';

describe('assets', () => {
  it('serves chat.js as cacheable JavaScript', async () => {
    const { app } = setup();
    const href = (await (await app.request('/')).text()).match(/src="(\/chat\.js\?v=\w+)"/)?.[1] ?? '';
    const res = await app.request(href);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(res.headers.get('cache-control')).toContain('immutable');
    expect(await res.text()).toBe(CLIENT_SCRIPT);
    const again = await app.request(href, { headers: { 'if-none-match': res.headers.get('etag') ?? '' } });
    expect(again.status).toBe(304);
    expect((await app.request('/chat.js')).headers.get('cache-control')).toMatch(/max-age=\d+/);
  });

  it('serves chat.css with logical properties only', async () => {
    const res = await setup().app.request('/chat.css');
    expect(res.headers.get('content-type')).toMatch(/^text\/css/);
    const css = await res.text();
    expect(css).toBe(CLIENT_STYLES);
    expect(css).not.toMatch(/(margin|padding|border)-(left|right)|text-align:\s*(left|right)|float:/);
    expect(css).toContain('Noto Naskh Arabic');
    expect(css).toContain('Noto Nastaliq Urdu');
    expect(css).toMatch(/min-block-size:44px/);
    expect(css).not.toMatch(/url\(|@import|@font-face/);
  });

  it('chat.js is one classic script without syntax newer than ES2019', () => {
    // new Function refuses import and export: the bundle needs no module loader.
    expect(() => new Function(CLIENT_SCRIPT)).not.toThrow();
    expect(CLIENT_SCRIPT).not.toMatch(/\?\.[^\d]|\?\?/);
    expect(CLIENT_SCRIPT).toContain('getRandomValues');
    expect(CLIENT_SCRIPT).not.toContain('Math.random');
  });
});

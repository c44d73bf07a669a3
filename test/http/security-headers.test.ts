/**
 * Every answer of the service carries the strict security headers (Hono's secureHeaders): the chat
 * page and the dashboard with their own content policy, everything else (webhooks, the chat's API,
 * health) with one that loads nothing; HSTS only when the service is reached over https.
 */
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../support/db.js';
import { testApp } from '../support/app.js';

const database = useTestDatabase();

describe('security headers', () => {
  it('are on every answer, with the policy of the page that answers, and HSTS only over https', async () => {
    for (const https of [false, true]) {
      const t = await testApp(database(), { PUBLIC_URL: https ? 'https://avrr.example.org' : 'http://localhost:8787' });
      const answers = {
        page: await t.app.request('/'),
        dashboard: await t.app.request('/admin/login'),
        health: await t.app.request('/healthz'),
        api: await t.app.request('/api/chat/messages', { method: 'POST', body: '{', headers: { 'content-type': 'application/json' } }),
        missing: await t.app.request('/no-such-page'),
      };
      for (const [name, res] of Object.entries(answers)) {
        const h = res.headers;
        expect(h.get('x-content-type-options'), name).toBe('nosniff');
        expect(h.get('referrer-policy'), name).toBe('no-referrer');
        expect(h.get('x-frame-options'), name).toBe('DENY');
        expect(h.get('content-security-policy'), name).toMatch(/default-src 'none'.*frame-ancestors 'none'/);
        expect(h.get('permissions-policy'), name).toContain('camera=()');
        expect(h.get('strict-transport-security'), name).toBe(https ? 'max-age=31536000' : null);
      }
      expect(answers.page.headers.get('content-security-policy')).toContain("script-src 'self'");
      expect(answers.dashboard.headers.get('content-security-policy')).not.toContain('script-src');
      expect(answers.health.headers.get('content-security-policy')).not.toContain("'self'");
    }
  });
});

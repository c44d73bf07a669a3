import { Hono } from 'hono';
import { registerApi } from './api.js';
import { asset } from '../../http/asset.js';
import { securityHeaders, type ContentPolicy } from '../../http/security-headers.js';
import { CLIENT_SCRIPT, CLIENT_STYLES } from './client-bundle.js';
import { pickLanguage } from './negotiate.js';
import { renderPage } from './render-page.js';
import type { WebChatDeps } from './types.js';

export type { WebChatDeps } from './types.js';
export { webTokenSecret } from './token-secret.js';

/** Everything the page may load: its own script and stylesheet and its own API, nothing inline. */
export const PAGE_POLICY: ContentPolicy = {
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  connectSrc: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  formAction: ["'self'"],
};

/**
 * The web chat channel: the page (`GET /`), its script and styles, and the JSON API. Headers are set
 * per route, never with `use('*')`, because the host app mounts this at its root.
 */
export function webChat(deps: WebChatDeps): Hono {
  const app = new Hono();
  const script = asset('/chat.js', 'text/javascript; charset=utf-8', CLIENT_SCRIPT);
  const styles = asset('/chat.css', 'text/css; charset=utf-8', CLIENT_STYLES);

  app.get('/', securityHeaders(PAGE_POLICY, { https: deps.https ?? false }), (c) => {
    const language = pickLanguage(c.req.query('lang'), c.req.header('accept-language'), deps.languages, deps.defaultLanguage);
    const html = renderPage({
      language,
      languages: deps.languages,
      text: (key) => deps.t(language.tag, key),
      scriptHref: script.href,
      styleHref: styles.href,
    });
    return c.html(html, 200, { 'cache-control': 'no-store', vary: 'accept-language' });
  });
  app.get('/chat.js', (c) => script.serve(c));
  app.get('/chat.css', (c) => styles.serve(c));
  registerApi(app, deps);
  // A fault inside the service is ours: the app's error handler logs it and answers a plain 500.
  return app;
}

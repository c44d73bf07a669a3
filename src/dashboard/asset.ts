/** The stylesheet, held in memory and served with a fingerprint so it can be cached for good. */
import type { Context } from 'hono';

function fingerprint(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(36);
}

export interface Asset {
  href: string;
  serve(c: Context): Response;
}

export function asset(path: string, contentType: string, body: string): Asset {
  const version = fingerprint(body);
  return {
    href: `${path}?v=${version}`,
    serve(c) {
      const cache = c.req.query('v') === version ? 'public, max-age=31536000, immutable' : 'public, max-age=300';
      return c.body(body, 200, { 'content-type': contentType, 'cache-control': cache, 'x-content-type-options': 'nosniff' });
    },
  };
}

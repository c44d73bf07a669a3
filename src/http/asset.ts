/** A text asset (stylesheet, script) served from memory with a fingerprint, for the web chat and the dashboard. */
import type { Context } from 'hono';

/** FNV-1a: a short, synchronous fingerprint for cache busting (no crypto needed at module load). */
function fingerprint(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(36);
}

export interface Asset {
  /** The URL the page links, with the fingerprint in the query. */
  href: string;
  serve(c: Context): Response;
}

/** A text asset held in memory: no file reads, so it runs on Workers as on Node. */
export function asset(path: string, contentType: string, body: string): Asset {
  const version = fingerprint(body);
  const etag = `"${version}"`;
  return {
    href: `${path}?v=${version}`,
    serve(c) {
      // The fingerprinted URL never changes content; a bare URL may, so it is cached briefly.
      const cache = c.req.query('v') === version ? 'public, max-age=31536000, immutable' : 'public, max-age=300';
      const headers = { 'cache-control': cache, etag, 'x-content-type-options': 'nosniff' };
      if (c.req.header('if-none-match') === etag) return c.body(null, 304, headers);
      return c.body(body, 200, { ...headers, 'content-type': contentType });
    },
  };
}

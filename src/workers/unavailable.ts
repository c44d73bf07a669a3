/**
 * Stands in, in the Workers bundle only (wrangler.toml `[alias]`), for Node-only packages that are
 * imported but never used there: Bolt's Socket Mode and Express receivers (we bring our own Hono
 * receiver), its OAuth installer (one workspace, one bot token) and the embedded PGlite (Workers
 * talk to PostgreSQL). Leaving them out keeps undici, Express and a WebAssembly Postgres out of the
 * bundle. Anything that does reach for them fails loudly instead of half-working.
 */
function unavailable(name: string): never {
  throw new Error(`${name} is not available on Cloudflare Workers`);
}

class Unavailable {
  constructor() {
    unavailable(new.target.name);
  }
}

export default function express(): never {
  return unavailable('express');
}
export const Router = (): never => unavailable('express.Router');
export class SocketModeClient extends Unavailable {}
export class InstallProvider extends Unavailable {}
export class FileInstallationStore extends Unavailable {}
export class MemoryInstallationStore extends Unavailable {}
export class PGlite extends Unavailable {
  static create(): never {
    return unavailable('PGlite');
  }
}
/** drizzle-orm/pglite reads type ids from here when a query runs, which never happens on Workers. */
export const types = {};

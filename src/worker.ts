/**
 * Cloudflare Workers: the same app as on Node, with content bundled at build time (no filesystem)
 * and PostgreSQL through postgres.js (DATABASE_URL, e.g. via Hyperdrive). Migrations run from the
 * CLI before deploying (`npm run migrate`), not here. The Workers issue completes this: wrangler
 * config, bindings, the cron trigger for the outbox, and tests in workerd.
 */
import type { ExecutionContext } from 'hono';
import { createApp, type Built } from './app.js';
import { createCipher, createStores, openDatabase } from './db/index.js';
import { ConfigError, parseEnv } from './env.js';
import type { ContentSource } from './flow/content.js';
import { loadCheckedContent } from './flow/load.js';
import { createLogger } from './log.js';


export function createWorker(source: ContentSource) {
  let built: Promise<Built> | undefined;

  function build(bindings: Record<string, unknown>): Promise<Built> {
    built ??= (async () => {
      const strings = Object.fromEntries(Object.entries(bindings).filter(([, v]) => typeof v === 'string')) as Record<string, string>;
      const env = parseEnv(strings);
      if (!env.DATABASE_URL) throw new ConfigError('DATABASE_URL is required on Workers (there is no embedded database there)');
      if (!env.DATA_ENCRYPTION_KEY) throw new ConfigError('DATA_ENCRYPTION_KEY is required on Workers');
      const database = await openDatabase({ databaseUrl: env.DATABASE_URL, poolMax: 1 });
      const clock = (): Date => new Date();
      const stores = createStores(database, await createCipher(env.DATA_ENCRYPTION_KEY), { clock });
      return createApp({ env, content: loadCheckedContent(source), stores, log: createLogger(env.LOG_LEVEL), clock });
    })();
    return built;
  }

  return {
    async fetch(request: Request, bindings: Record<string, unknown>, ctx: ExecutionContext): Promise<Response> {
      const app = await build(bindings);
      const response = await app.app.fetch(request, bindings, ctx);
      // Whatever a request queued and could not deliver in time goes out after the response.
      ctx.waitUntil(app.worker.run(20_000));
      return response;
    },
    async scheduled(_event: unknown, bindings: Record<string, unknown>, ctx: ExecutionContext): Promise<void> {
      const app = await build(bindings);
      ctx.waitUntil(app.worker.run(25_000));
      ctx.waitUntil(app.retention.run());
    },
  };
}

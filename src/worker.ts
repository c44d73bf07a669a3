/**
 * Cloudflare Workers: the same app as on Node, with content and the migrations journal bundled at
 * build time (no filesystem) and PostgreSQL through postgres.js, via Hyperdrive when it is bound.
 *
 * A Worker may not use a socket opened by another request, so each request (and each cron run)
 * opens its own database client and builds the app on it; what stays in the isolate is only what
 * holds no I/O: the parsed content, the cipher's keys and the fact that the schema is current.
 * Migrations run from the CLI before deploying (`npm run migrate`); until they have, every request
 * is answered 503 with what to do.
 */
import type { ExecutionContext } from 'hono';
import { createApp, type Built } from './app.js';
import { createCipher, createStores, openDatabase, type Cipher, type Database } from './db/index.js';
import { ConfigError } from './env.js';
import type { Content, ContentSource } from './flow/content.js';
import { loadCheckedContent } from './flow/load.js';
import { createLogger, type Logger } from './log.js';
import { configFromBindings, type WorkerConfig } from './workers/bindings.js';
import { checkSchema, readJournal, schemaBehindBody } from './workers/schema-version.js';

/** wrangler.toml `[triggers] crons`: due jobs and the outbox every minute, retention once a day. */
export const CRON_OUTBOX = '* * * * *';
export const CRON_DAILY = '17 3 * * *';

/** How long delivery may go on after a response (Workers allow 30 s of waitUntil). */
const AFTER_RESPONSE_BUDGET_MS = 20_000;
/** How long one cron run delivers. */
const CRON_BUDGET_MS = 25_000;
/** postgres.js connections per request: a turn's transaction plus Bolt's work after the ack. */
const POOL_PER_REQUEST = 4;

export interface ScheduledController {
  cron: string;
  scheduledTime: number;
}

interface Session {
  built: Built;
  database: Database;
  stores: ReturnType<typeof createStores>;
  log: Logger;
}

export function createWorker(source: ContentSource, journal: unknown) {
  const migrations = readJournal(journal);
  let content: Content | undefined;
  let cipher: { key: string; cipher: Promise<Cipher> } | undefined;
  let schemaCurrent = false;

  /** A database client and the app on it, or the 503 that says why there is none. */
  async function open(config: WorkerConfig, log: Logger): Promise<Session | { unavailable: Response }> {
    const { env } = config;
    content ??= loadCheckedContent(source);
    if (cipher?.key !== env.DATA_ENCRYPTION_KEY) cipher = { key: env.DATA_ENCRYPTION_KEY, cipher: createCipher(env.DATA_ENCRYPTION_KEY) };
    const database = await openDatabase({ databaseUrl: env.DATABASE_URL, poolMax: POOL_PER_REQUEST });
    try {
      if (!schemaCurrent) {
        const status = await checkSchema(database.db, migrations);
        if (!status.ok) {
          log.log('error', 'database schema is behind this deployment; run `npm run migrate`', { expected: status.expected, applied: status.applied });
          await database.close();
          return { unavailable: Response.json(schemaBehindBody(status), { status: 503, headers: { 'retry-after': '60' } }) };
        }
        schemaCurrent = true;
      }
      // The Workers entry is where the system clock enters.
      const clock = (): Date => new Date();
      const stores = createStores(database, await cipher.cipher, { clock });
      return { built: createApp({ env, content, stores, log, clock }), database, stores, log };
    } catch (error) {
      await database.close().catch(() => undefined);
      throw error;
    }
  }

  /** Runs `work`, logs what fails, and closes the request's database client whatever happens. */
  async function finish(session: Session, what: string, work: () => Promise<unknown>): Promise<void> {
    try {
      await work();
    } catch (error) {
      session.log.log('error', `${what} failed`, { error: error instanceof Error ? error.message : String(error) });
    } finally {
      await session.database.close().catch(() => undefined);
    }
  }

  return {
    async fetch(request: Request, bindings: Record<string, unknown>, ctx: ExecutionContext): Promise<Response> {
      let config: WorkerConfig;
      try {
        config = configFromBindings(bindings);
      } catch (error) {
        if (!(error instanceof ConfigError)) throw error;
        console.error(error.message);
        return Response.json({ error: { code: 'misconfigured', message: error.message } }, { status: 503 });
      }
      const log = createLogger(config.env.LOG_LEVEL);
      const session = await open(config, log);
      if ('unavailable' in session) return session.unavailable;
      let response: Response;
      try {
        response = await session.built.app.fetch(request, bindings, ctx);
      } catch (error) {
        ctx.waitUntil(session.database.close());
        throw error;
      }
      // Slack's work after its ack, then whatever the request queued and could not deliver in time.
      ctx.waitUntil(
        finish(session, 'delivery after the response', async () => {
          await session.built.idle();
          await session.built.worker.run(AFTER_RESPONSE_BUDGET_MS);
        }),
      );
      return response;
    },

    async scheduled(controller: ScheduledController, bindings: Record<string, unknown>, ctx: ExecutionContext): Promise<void> {
      const config = configFromBindings(bindings);
      const log = createLogger(config.env.LOG_LEVEL);
      const session = await open(config, log);
      if ('unavailable' in session) return;
      if (controller.cron === CRON_DAILY) {
        // The retention the privacy notice promises, and sign-in links and sessions that expired.
        ctx.waitUntil(
          finish(session, 'daily sweep', async () => {
            await session.built.retention.run();
            await session.stores.dashboard.auth.purge(new Date());
          }),
        );
      } else {
        // Due reminders and check-ins first, so what they queue goes out in the same run.
        ctx.waitUntil(
          finish(session, 'scheduler and outbox run', async () => {
            await session.built.scheduler.run(CRON_BUDGET_MS / 2);
            await session.built.worker.run(CRON_BUDGET_MS / 2);
          }),
        );
      }
    },
  };
}

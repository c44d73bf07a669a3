/**
 * The built worker bundle in workerd (Miniflare, the runtime `wrangler dev` uses), configured from
 * wrangler.toml as wrangler would (compatibility date and flags, `[vars]`, the Hyperdrive binding),
 * plus the secrets a deployment sets with `wrangler secret put`. Driven from a Node test, so the
 * fake Telegram and Slack servers run beside it and the worker reaches them over loopback.
 */
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { Hono } from 'hono';
import { Log, LogLevel, Miniflare } from 'miniflare';
import { unstable_getMiniflareWorkerOptions, unstable_readConfig } from 'wrangler';
import { join } from 'node:path';
import { root } from '../support/app.js';
import type { Bundle } from './bundle.js';

export const WRANGLER_TOML = join(root, 'wrangler.toml');

export interface WorkerInWorkerd {
  /** A Hono app that forwards every request to the worker: what the Telegram test helpers drive. */
  proxy: Hono;
  fetch(path: string, init?: RequestInit): Promise<Response>;
  /** Runs the worker's scheduled handler as a Cron Trigger with this expression would. */
  scheduled(cron: string): Promise<void>;
  /** The worker's console lines (its JSON log). */
  logs: string[];
  dispose(): Promise<void>;
}

interface CanSchedule {
  scheduled(options: { cron: string; scheduledTime: Date }): Promise<{ outcome: string }>;
}

function canSchedule(worker: unknown): worker is CanSchedule {
  return typeof worker === 'object' && worker !== null && 'scheduled' in worker && typeof worker.scheduled === 'function';
}

/** wrangler.toml as wrangler reads it. */
export function readWranglerConfig() {
  return unstable_readConfig({ config: WRANGLER_TOML });
}

export async function startWorker(options: { bundle: Bundle; hyperdriveUrl: string; secrets: Record<string, string>; vars?: Record<string, string> }): Promise<WorkerInWorkerd> {
  const config = readWranglerConfig();
  const binding = config.hyperdrive[0]?.binding;
  if (!binding) throw new Error('wrangler.toml has no Hyperdrive binding');
  // What `wrangler dev` would give workerd; Hyperdrive's local connection string comes from this
  // variable, as it does for `wrangler dev`.
  process.env[`CLOUDFLARE_HYPERDRIVE_LOCAL_CONNECTION_STRING_${binding}`] = options.hyperdriveUrl;
  const { workerOptions } = unstable_getMiniflareWorkerOptions(WRANGLER_TOML);
  const logs: string[] = [];
  const collect = (stream: Readable) => createInterface({ input: stream }).on('line', (line) => logs.push(line));
  const mf = new Miniflare({
    compatibilityDate: workerOptions.compatibilityDate,
    compatibilityFlags: workerOptions.compatibilityFlags,
    bindings: { ...workerOptions.bindings, ...options.vars, ...options.secrets },
    hyperdrives: workerOptions.hyperdrives,
    // The bundle wrangler wrote, not the sources: exactly what a deploy uploads.
    modules: true,
    modulesRoot: options.bundle.dir,
    scriptPath: options.bundle.script,
    log: new Log(LogLevel.WARN),
    handleRuntimeStdio: (stdout: Readable, stderr: Readable) => {
      collect(stdout);
      collect(stderr);
    },
  });
  await mf.ready;
  const fetchWorker = async (path: string, init: RequestInit = {}): Promise<Response> => {
    const headers = Object.fromEntries(new Headers(init.headers).entries());
    const body = typeof init.body === 'string' ? init.body : init.body == null ? undefined : await new Response(init.body).arrayBuffer();
    const answer = await mf.dispatchFetch(new URL(path, 'http://worker.test').toString(), { method: init.method ?? 'GET', headers, ...(body !== undefined ? { body } : {}) });
    return new Response(await answer.arrayBuffer(), { status: answer.status, headers: Object.fromEntries(answer.headers.entries()) });
  };
  const proxy = new Hono();
  proxy.all('*', async (c) => {
    const url = new URL(c.req.url);
    const hasBody = c.req.method !== 'GET' && c.req.method !== 'HEAD';
    return fetchWorker(`${url.pathname}${url.search}`, { method: c.req.method, headers: c.req.raw.headers, ...(hasBody ? { body: await c.req.arrayBuffer() } : {}) });
  });
  return {
    proxy,
    fetch: fetchWorker,
    async scheduled(cron) {
      // Resolves when the handler and everything it passed to waitUntil are done.
      const worker: unknown = await mf.getWorker();
      if (!canSchedule(worker)) throw new Error('Miniflare gave a worker without scheduled()');
      const result = await worker.scheduled({ cron, scheduledTime: new Date() });
      if (result.outcome !== 'ok') throw new Error(`the scheduled handler ended with ${result.outcome}`);
    },
    logs,
    dispose: () => mf.dispose(),
  };
}

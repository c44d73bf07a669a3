/**
 * `npm run bench`: how fast the service is, end to end, against the floor a bare webhook sets on the
 * same machine, database and run. N chats (default 32) press buttons through the real HTTP Telegram
 * webhook of the service (`src/node/server.ts` in a process of its own) while a lean fake Bot API in
 * this process answers its calls. Runs, in order:
 *
 *   1. PGlite: the bare webhook, then the service, on one data directory;
 *   2. PostgreSQL (a database of its own, dropped at the end): the bare webhook, the service, and
 *      two service processes behind a round-robin "load balancer" (the load sends updates in turn);
 *   3. memory and start-up: the embedded service on a directory with 10,000 stored conversations;
 *   4. in-process: an engine step, a whole turn, and the SQL statements each kind of update costs.
 *
 * Prints a table, writes JSON (bench/results/latest.json), and exits 1 when a target is missed.
 * `--profile` writes CPU profiles of the service processes (bench/results/profiles/); summarise one
 * with `npx tsx bench/profile-summary.ts <file>`. `npm run bench -- --help` lists the options.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { FakeBotApi } from './fake-bot-api.js';
import { measureInProcess, type InProcessResult } from './in-process.js';
import { runLoad, SECRET, type LoadResult } from './load.js';
import { cpuSeconds, freePort, machineCpu, memoryMb, postgresCpuSeconds, root, startProcess, type Started } from './processes.js';
import { createBenchDatabase, postgresAnswers, SERVER_URL } from './postgres.js';
import { seedConversations } from './seed.js';

const { values: args } = parseArgs({
  options: {
    chats: { type: 'string', default: '32' },
    seconds: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '3' },
    only: { type: 'string', default: 'pglite,postgres,memory,in-process' },
    conversations: { type: 'string', default: '10000' },
    rounds: { type: 'string', default: '1' },
    'service-root': { type: 'string' },
    'compare-root': { type: 'string' },
    profile: { type: 'boolean', default: false },
    out: { type: 'string', default: join(root, 'bench', 'results', 'latest.json') },
    help: { type: 'boolean', default: false },
  },
});
if (args.help) {
  console.log(`npm run bench -- [--chats 32] [--seconds 10] [--warmup 3] [--rounds 1] [--only pglite,postgres,memory,in-process]
                    [--conversations 10000] [--profile] [--out bench/results/latest.json]
--service-root DIR runs the service from another checkout (with node_modules), e.g. an older
commit for a before/after comparison; the bare webhook and the load stay this checkout's.
--compare-root DIR also runs the service from another checkout in every round, right after this
one's, on the same database ("…-other" lines): a before/after comparison under the same conditions.
--rounds N runs each comparison N times, alternating the bare webhook and the service, and reports
the median of each figure (a machine shared with other work drifts between runs).
PostgreSQL: BENCH_DATABASE_URL, else TEST_DATABASE_URL, else postgres://postgres@127.0.0.1:5432/test`);
  process.exit(0);
}
const chats = Number(args.chats);
const measureMs = Number(args.seconds) * 1000;
const warmupMs = Number(args.warmup) * 1000;
const only = new Set(args.only.split(','));
const rounds = Math.max(1, Number(args.rounds));
const compareRoot = args['compare-root'];
const profileDir = join(root, 'bench', 'results', 'profiles');
/** A fixed key: the bench's data is thrown away. */
const BENCH_KEY = `bench:${Buffer.alloc(32, 3).toString('base64')}`;

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? NaN) : ((sorted[mid - 1] ?? NaN) + (sorted[mid] ?? NaN)) / 2;
};

const targets = { shareOfBare: 0.5, p99TimesBare: 2, memoryMb: 600, startupMs: 3000 };

interface Run {
  name: string;
  database: 'pglite' | 'postgres';
  app: 'bare' | 'service';
  instances: number;
  load: LoadResult;
  /** CPU per update in the measured window, ms: the app's processes, PostgreSQL's, and this process (load + fake Bot API). */
  cpuMsPerUpdate: { app: number; postgres: number; bench: number };
  /** How busy the machine's cores were in the window (all processes, other users included). */
  machineBusyPct: number;
  startupMs: number[];
  peakRssMb: number[];
}

const fake = await FakeBotApi.start();
/** Every measured run, all rounds. */
const measured: Run[] = [];
let chatBase = 1_000_000;
let memory: {
  conversations: number;
  startupMs: number;
  startups: number[];
  ownStartupMs: number;
  ownStartups: number[];
  idleRssMb: number;
  peakRssMb: number;
} | null = null;
let inProcess: InProcessResult | null = null;
let pgliteDir: string | null = null;
const cleanups: Array<() => Promise<void>> = [];

function appEnv(database: { url?: string; dir: string }): Record<string, string> {
  return {
    DATA_ENCRYPTION_KEY: BENCH_KEY,
    TELEGRAM_BOT_TOKEN: fake.token,
    TELEGRAM_WEBHOOK_SECRET: SECRET,
    TELEGRAM_API_ROOT: fake.apiRoot,
    LOG_LEVEL: 'warn',
    // A bench chat presses several times a second, far beyond any person: the limit is still
    // counted on every update (its cost is measured), it only must not refuse.
    TELEGRAM_MESSAGES_PER_MINUTE: '1000000',
    // With PostgreSQL too: the first-admin link and the CLI secret go beside it, not into the repository.
    PGLITE_DIR: join(database.dir, 'pglite'),
    ...(database.url ? { DATABASE_URL: database.url } : {}),
  };
}

async function start(app: 'bare' | 'service', env: Record<string, string>, label: string, root = args['service-root']): Promise<Started> {
  // One folder per process: the loader's hook thread writes a profile of its own beside the main one.
  const nodeArgs = app === 'service' && args.profile ? ['--cpu-prof', `--cpu-prof-dir=${join(profileDir, label)}`] : [];
  return startProcess({
    name: `${label}`,
    script: app === 'service' ? 'src/node/server.ts' : 'bench/bare-webhook.ts',
    ...(app === 'service' && root ? { cwd: root } : {}),
    port: await freePort(),
    env,
    nodeArgs,
  });
}

async function measure(name: string, database: Run['database'], app: Run['app'], instances: number, env: Record<string, string>, root?: string): Promise<Run> {
  const processes: Started[] = [];
  try {
    for (let i = 0; i < instances; i++) processes.push(await start(app, env, `${name}-${i + 1}`, root ?? args['service-root']));
    let before = { app: 0, postgres: 0, bench: 0, machine: machineCpu() };
    let after = before;
    const snapshot = () => ({
      app: processes.reduce((sum, p) => sum + cpuSeconds(p.child.pid ?? 0), 0),
      postgres: database === 'postgres' ? postgresCpuSeconds() : 0,
      bench: process.cpuUsage().user / 1e6 + process.cpuUsage().system / 1e6,
      machine: machineCpu(),
    });
    const t1 = setTimeout(() => (before = snapshot()), warmupMs);
    const t2 = setTimeout(() => (after = snapshot()), warmupMs + measureMs);
    const load = await runLoad({
      targets: processes.map((p) => `http://127.0.0.1:${p.port}/telegram/webhook`),
      fake,
      chats,
      warmupMs,
      measureMs,
      firstChatId: (chatBase += 1_000_000),
    });
    clearTimeout(t1);
    clearTimeout(t2);
    const per = (seconds: number) => +((seconds * 1000) / Math.max(1, load.updates)).toFixed(2);
    const machineTotal = after.machine.total - before.machine.total;
    const run: Run = {
      name,
      database,
      app,
      instances,
      load,
      cpuMsPerUpdate: { app: per(after.app - before.app), postgres: per(after.postgres - before.postgres), bench: per(after.bench - before.bench) },
      machineBusyPct: machineTotal > 0 ? Math.round(((after.machine.busy - before.machine.busy) / machineTotal) * 100) : 0,
      startupMs: processes.map((p) => p.startupMs),
      peakRssMb: processes.map((p) => memoryMb(p.child.pid ?? 0).peak),
    };
    console.log(`  ${name}: ${load.updatesPerSecond} updates/s, p50 ${load.p50Ms} ms, p99 ${load.p99Ms} ms${load.errors || load.lost ? `, ${load.errors} errors, ${load.lost} lost` : ''}`);
    return run;
  } finally {
    for (const p of processes) await p.stop();
  }
}

try {
  if (args.profile) await mkdir(profileDir, { recursive: true });
  if (only.has('pglite') || only.has('memory')) {
    pgliteDir = await mkdtemp(join(tmpdir(), 'avrr-bench-'));
    const dir = pgliteDir;
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
  }
  if (only.has('pglite') && pgliteDir) {
    console.log(`PGlite (${pgliteDir})`);
    const env = appEnv({ dir: pgliteDir });
    for (let round = 1; round <= rounds; round++) {
      if (rounds > 1) console.log(`  round ${round} of ${rounds}`);
      measured.push(await measure('pglite-bare', 'pglite', 'bare', 1, env));
      measured.push(await measure('pglite-service', 'pglite', 'service', 1, env));
      if (compareRoot) measured.push(await measure('pglite-service-other', 'pglite', 'service', 1, env, compareRoot));
    }
  }
  if (only.has('postgres')) {
    if (!(await postgresAnswers())) {
      console.log(`PostgreSQL: skipped, nothing answers at ${SERVER_URL.replace(/\/\/[^@]*@/, '//')}`);
    } else {
      const database = await createBenchDatabase();
      const dir = await mkdtemp(join(tmpdir(), 'avrr-bench-pg-'));
      cleanups.push(async () => {
        await database.drop();
        await rm(dir, { recursive: true, force: true });
      });
      console.log(`PostgreSQL (${new URL(database.url).pathname.slice(1)})`);
      const env = appEnv({ url: database.url, dir });
      for (let round = 1; round <= rounds; round++) {
        if (rounds > 1) console.log(`  round ${round} of ${rounds}`);
        measured.push(await measure('postgres-bare', 'postgres', 'bare', 1, env));
        measured.push(await measure('postgres-service', 'postgres', 'service', 1, env));
        measured.push(await measure('postgres-service-x2', 'postgres', 'service', 2, env));
        if (compareRoot) {
          measured.push(await measure('postgres-service-other', 'postgres', 'service', 1, env, compareRoot));
          measured.push(await measure('postgres-service-x2-other', 'postgres', 'service', 2, env, compareRoot));
        }
      }
    }
  }
  if (only.has('memory') && pgliteDir) {
    const conversations = Number(args.conversations);
    console.log(`Memory and start-up with ${conversations} stored conversations (PGlite)`);
    const env = appEnv({ dir: pgliteDir });
    // A first start migrates and makes the conversation every other one is copied from.
    if (!only.has('pglite')) await measure('pglite-seed', 'pglite', 'service', 1, env);
    await seedConversations(join(pgliteDir, 'pglite'), conversations);
    // Start-up swings with whatever else the machine does: three starts, the medians count. At
    // info level the service logs its own start-up (after Node has loaded its modules).
    const startups: number[] = [];
    const own: number[] = [];
    const startOnce = async (label: string): Promise<Started> => {
      const started = await start('service', { ...env, LOG_LEVEL: 'info' }, label);
      startups.push(started.startupMs);
      // The log line comes with the listen callback, just before /healthz answers.
      await new Promise((resolve) => setTimeout(resolve, 100));
      own.push(started.ownStartupMs() ?? NaN);
      return started;
    };
    for (let i = 0; i < 2; i++) await (await startOnce(`pglite-start-${i + 1}`)).stop();
    const service = await startOnce('pglite-memory');
    try {
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      const idle = memoryMb(service.child.pid ?? 0);
      await runLoad({ targets: [`http://127.0.0.1:${service.port}/telegram/webhook`], fake, chats, warmupMs: 0, measureMs, firstChatId: (chatBase += 1_000_000) });
      memory = {
        conversations,
        startupMs: median(startups),
        startups,
        ownStartupMs: median(own),
        ownStartups: own,
        idleRssMb: idle.rss,
        peakRssMb: memoryMb(service.child.pid ?? 0).peak,
      };
      console.log(
        `  start-up: the service's own ${memory.ownStartupMs} ms (${own.join(', ')}), from spawn to /healthz ${memory.startupMs} ms (${startups.join(', ')}); idle ${memory.idleRssMb} MB, peak under load ${memory.peakRssMb} MB`,
      );
    } finally {
      await service.stop();
    }
  }
  if (only.has('in-process')) {
    console.log('In-process: engine step, whole turn, statements per update');
    inProcess = await measureInProcess(await postgresAnswers() ? SERVER_URL : null);
  }
} finally {
  await fake.close();
  for (const cleanup of cleanups.reverse()) await cleanup().catch((error: unknown) => console.error(String(error)));
}

// ---- Report ---------------------------------------------------------------------------------------

/** One line per run name: the median of every figure over the rounds. */
const runs: Run[] = [...new Set(measured.map((r) => r.name))].map((name) => {
  const all = measured.filter((r) => r.name === name);
  const first = all[0]!;
  const m = (pick: (r: Run) => number) => +median(all.map(pick)).toFixed(2);
  return {
    ...first,
    load: {
      updates: m((r) => r.load.updates),
      updatesPerSecond: m((r) => r.load.updatesPerSecond),
      p50Ms: m((r) => r.load.p50Ms),
      p90Ms: m((r) => r.load.p90Ms),
      p99Ms: m((r) => r.load.p99Ms),
      maxMs: Math.max(...all.map((r) => r.load.maxMs)),
      errors: all.reduce((sum, r) => sum + r.load.errors, 0),
      lost: all.reduce((sum, r) => sum + r.load.lost, 0),
      windowMs: first.load.windowMs,
    },
    cpuMsPerUpdate: { app: m((r) => r.cpuMsPerUpdate.app), postgres: m((r) => r.cpuMsPerUpdate.postgres), bench: m((r) => r.cpuMsPerUpdate.bench) },
    machineBusyPct: m((r) => r.machineBusyPct),
    startupMs: all.flatMap((r) => r.startupMs),
    peakRssMb: all.flatMap((r) => r.peakRssMb),
  };
});

const bareOf = (run: Run) => runs.find((r) => r.database === run.database && r.app === 'bare');
const lines: string[] = [];
/** All the CPU an update costs on this machine: the app's processes, PostgreSQL's and the bench's (load and fake Bot API). */
const totalCpu = (run: Run): number => run.cpuMsPerUpdate.app + run.cpuMsPerUpdate.postgres + run.cpuMsPerUpdate.bench;
lines.push(
  '| run | updates/s | p50 ms | p90 ms | p99 ms | share of bare (throughput) | share of bare (CPU) | p99 / bare p99 | CPU ms per update: app / PostgreSQL / bench | machine busy |',
);
lines.push('|---|---|---|---|---|---|---|---|---|---|');
for (const run of runs) {
  const bare = bareOf(run);
  const share = bare && run.app === 'service' ? `${Math.round((run.load.updatesPerSecond / bare.load.updatesPerSecond) * 100)}%` : '';
  // On a machine whose cores are all busy, throughput is the inverse of the CPU an update costs:
  // this share moves less than the measured one when other work comes and goes.
  const cpuShare = bare && run.app === 'service' ? `${Math.round((totalCpu(bare) / totalCpu(run)) * 100)}%` : '';
  const p99 = bare && run.app === 'service' ? `${(run.load.p99Ms / bare.load.p99Ms).toFixed(2)}x` : '';
  const c = run.cpuMsPerUpdate;
  lines.push(
    `| ${run.name} | ${run.load.updatesPerSecond} | ${run.load.p50Ms} | ${run.load.p90Ms} | ${run.load.p99Ms} | ${share} | ${cpuShare} | ${p99} | ${c.app} / ${run.database === 'postgres' ? c.postgres : '-'} / ${c.bench} | ${run.machineBusyPct}% |`,
  );
}
console.log(`\n${chats} chats, ${measureMs / 1000} s measured after ${warmupMs / 1000} s warm-up${rounds > 1 ? `, median of ${rounds} rounds` : ''}; ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), ${Math.round(totalmem() / 2 ** 30)} GB, Node ${process.version}\n`);
console.log(lines.join('\n'));

const checks: Array<{ what: string; ok: boolean; detail: string }> = [];
for (const run of runs.filter((r) => r.app === 'service' && r.instances === 1 && !r.name.endsWith('-other'))) {
  const bare = bareOf(run);
  if (!bare) continue;
  const share = run.load.updatesPerSecond / bare.load.updatesPerSecond;
  checks.push({ what: `${run.database}: throughput ≥ ${targets.shareOfBare * 100}% of the bare webhook's`, ok: share >= targets.shareOfBare, detail: `${Math.round(share * 100)}%` });
  const ratio = run.load.p99Ms / bare.load.p99Ms;
  checks.push({ what: `${run.database}: p99 ≤ ${targets.p99TimesBare}x the bare webhook's`, ok: ratio <= targets.p99TimesBare, detail: `${ratio.toFixed(2)}x (${run.load.p99Ms} vs ${bare.load.p99Ms} ms)` });
}
const one = runs.find((r) => r.name === 'postgres-service');
const two = runs.find((r) => r.name === 'postgres-service-x2');
if (one && two) {
  const ratio = two.load.updatesPerSecond / one.load.updatesPerSecond;
  checks.push({ what: 'postgres: two instances beat one', ok: ratio > 1, detail: `${ratio.toFixed(2)}x` });
}
for (const run of runs.filter((r) => r.app === 'service' && !r.name.endsWith('-other'))) {
  if (run.load.errors > 0 || run.load.lost > 0) checks.push({ what: `${run.name}: nothing failed or lost`, ok: false, detail: `${run.load.errors} errors, ${run.load.lost} lost` });
}
if (memory) {
  checks.push({ what: `embedded memory ≤ ${targets.memoryMb} MB with ${memory.conversations} conversations`, ok: memory.peakRssMb <= targets.memoryMb, detail: `${memory.peakRssMb} MB peak, ${memory.idleRssMb} MB idle` });
  checks.push({
    what: `start-up on an existing directory ≤ ${targets.startupMs} ms (the service's own, as it logs it)`,
    ok: memory.ownStartupMs <= targets.startupMs,
    detail: `${memory.ownStartupMs} ms; ${memory.startupMs} ms from spawn to /healthz, Node and the TypeScript loader included`,
  });
}
if (inProcess) {
  console.log(`\nengine step p50 ${inProcess.engineStepP50Ms} ms, p95 ${inProcess.engineStepP95Ms} ms; whole turn on PGlite p50 ${inProcess.turnP50Ms} ms, p95 ${inProcess.turnP95Ms} ms`);
  for (const q of inProcess.statements) console.log(`per update, ${q.database}, ${q.update}: ${q.statements} statements, ${q.transactions} transactions, ${q.botApiCalls} Bot API calls`);
  checks.push({ what: 'engine step p95 < 1 ms', ok: inProcess.engineStepP95Ms < 1, detail: `${inProcess.engineStepP95Ms} ms` });
  checks.push({ what: 'whole turn p95 < 50 ms (PGlite, in process)', ok: inProcess.turnP95Ms < 50, detail: `${inProcess.turnP95Ms} ms` });
}
console.log('');
for (const c of checks) console.log(`${c.ok ? 'ok  ' : 'MISS'} ${c.what}: ${c.detail}`);

const result = {
  at: new Date().toISOString(),
  machine: { cores: cpus().length, cpu: cpus()[0]?.model ?? '', memoryGb: Math.round(totalmem() / 2 ** 30), node: process.version },
  options: { chats, measureSeconds: measureMs / 1000, warmupSeconds: warmupMs / 1000, rounds, serviceRoot: args['service-root'] ?? null, compareRoot: compareRoot ?? null },
  runs,
  rounds: measured,
  memory,
  inProcess,
  checks,
};
await mkdir(join(args.out, '..'), { recursive: true });
await writeFile(args.out, `${JSON.stringify(result, null, 2)}\n`);
console.log(`\nwrote ${args.out}`);
process.exit(checks.every((c) => c.ok) ? 0 : 1);

/**
 * `npm run bench`: how fast the pieces are, on this machine. Prints one line per measurement and a
 * JSON summary; fails (exit 1) when a target is missed. Targets: an engine step well under 1 ms;
 * a whole turn (dedupe, lock, engine, actions, encrypted writes) under 50 ms at p95 on the
 * embedded database, so a Telegram webhook answers long before Telegram's timeout.
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { newSession, step } from '../engine/index.js';
import type { Inbound } from '../engine/types.js';
import { parseEnv } from '../env.js';
import { silentLogger } from '../log.js';
import { startServices } from '../node/start.js';

const targets = { engineStepP95Ms: 1, turnP95Ms: 50 };

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

const env = parseEnv({ ...process.env, DATABASE_URL: undefined, LOG_LEVEL: 'silent' });
const services = await startServices(env, silentLogger, { memory: true });
const content = services.content;
const ctx = {
  now: new Date(),
  languages: services.translator.languages,
  label: (l: string, k: string) => services.translator.label(l, k),
};

// 1. The pure engine: a first message, then the language choice and the consent notice.
const engineTimes: number[] = [];
for (let i = 0; i < 5_000; i++) {
  const t0 = performance.now();
  let s = step(content, newSession('en'), { kind: 'command', command: 'start' }, ctx).session;
  s = step(content, s, { kind: 'choice', id: 'en' }, ctx).session;
  step(content, s, { kind: 'text', text: 'not a button' }, ctx);
  engineTimes.push((performance.now() - t0) / 3);
}

// 2. Whole turns through the conversation service on the embedded database.
const turnTimes: number[] = [];
const script: Inbound[] = [
  { kind: 'command', command: 'start' },
  { kind: 'choice', id: 'en' },
  { kind: 'command', command: 'menu' },
  { kind: 'text', text: 'hello' },
  { kind: 'command', command: 'help' },
];
for (let person = 0; person < 60; person++) {
  const key = { channel: 'web' as const, channelUserId: `bench-${person}` };
  for (const inbound of script) {
    const t0 = performance.now();
    await services.service.handle({ ...key, updateId: randomUUID(), inbound, receivedAt: new Date() });
    turnTimes.push(performance.now() - t0);
  }
}
await services.database.close();

const summary = {
  engineStepP50Ms: +percentile(engineTimes, 50).toFixed(4),
  engineStepP95Ms: +percentile(engineTimes, 95).toFixed(4),
  turnP50Ms: +percentile(turnTimes, 50).toFixed(2),
  turnP95Ms: +percentile(turnTimes, 95).toFixed(2),
  turns: turnTimes.length,
};
console.log(`engine step      p50 ${summary.engineStepP50Ms} ms   p95 ${summary.engineStepP95Ms} ms   (target p95 < ${targets.engineStepP95Ms} ms)`);
console.log(`turn on PGlite   p50 ${summary.turnP50Ms} ms   p95 ${summary.turnP95Ms} ms   (target p95 < ${targets.turnP95Ms} ms, ${summary.turns} turns)`);
console.log(JSON.stringify(summary));
const missed = summary.engineStepP95Ms > targets.engineStepP95Ms || summary.turnP95Ms > targets.turnP95Ms;
process.exit(missed ? 1 : 0);

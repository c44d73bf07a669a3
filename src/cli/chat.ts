/**
 * `npm run chat -- --lang ar`: talk to the flows in the terminal, for flow authors. Runs the real
 * conversation service on a throw-away in-memory database. Type a button's number to press it
 * (`b` for back, `m` for the main menu), `/command` for a command, `!lang xx` to switch language,
 * Ctrl+D to leave. Numbers only press buttons when the question has choices, so "27" is an age.
 */
import { createInterface } from 'node:readline/promises';
import { randomUUID } from 'node:crypto';
import { parseEnv } from '../env.js';
import { createLogger } from '../log.js';
import { plainText } from '../i18n/html.js';
import { SET_LANGUAGE_COMMAND, type RenderedChoice, type RenderedMessage } from '../conversation/index.js';
import type { Inbound } from '../engine/types.js';
import { startServices } from '../node/start.js';

function languageArg(argv: string[]): string | undefined {
  const i = argv.indexOf('--lang');
  if (i >= 0) return argv[i + 1];
  const eq = argv.find((a) => a.startsWith('--lang='));
  if (eq) return eq.slice('--lang='.length);
  // `npm run chat --lang ar` hands npm the flag: it arrives as npm_config_lang, or as a bare "ar".
  const npm = process.env['npm_config_lang'];
  if (npm && npm !== 'true') return npm;
  return argv.find((a) => /^[a-z]{2,3}(-[A-Z][a-z]{3})?$/.test(a));
}

const env = parseEnv({ ...process.env, DATABASE_URL: undefined, LOG_LEVEL: process.env['LOG_LEVEL'] ?? 'warn' });
const services = await startServices(env, createLogger(env.LOG_LEVEL), { memory: true });
const lang = languageArg(process.argv.slice(2));
const user = { channel: 'web' as const, channelUserId: `terminal-${randomUUID()}` };
let buttons: RenderedChoice[] = [];
let nav: Record<string, RenderedChoice> = {};

function show(messages: RenderedMessage[]): void {
  for (const m of messages) {
    console.log(`\n${plainText(m.html).replace(/[\u2068\u2069]/g, '')}`);
    if (m.choices.length > 0 || m.nav.length > 0) {
      buttons = m.choices;
      nav = Object.fromEntries(m.nav.map((b) => [b.id === 'nav.back' ? 'b' : 'm', b]));
    }
    m.choices.forEach((b, i) => console.log(`  [${i + 1}] ${b.text}`));
    for (const [letter, b] of Object.entries(nav)) if (m.nav.includes(b)) console.log(`  [${letter}] ${b.text}`);
  }
}

async function send(inbound: Inbound, text?: string): Promise<void> {
  const result = await services.service.handle({
    ...user,
    updateId: randomUUID(),
    inbound,
    ...(text !== undefined ? { text } : {}),
    ...(lang ? { languageHint: lang } : {}),
    receivedAt: new Date(),
  });
  show(result.messages);
}

await send({ kind: 'command', command: 'start' });
const rl = createInterface({ input: process.stdin, output: process.stdout, prompt: '\n> ' });
rl.prompt();
for await (const line of rl) {
  const text = line.trim();
  const index = /^\d+$/.test(text) ? Number(text) - 1 : -1;
  const button = buttons[index] ?? nav[text];
  if (text === '') {
    rl.prompt();
    continue;
  }
  if (button) await send({ kind: 'choice', id: button.id });
  else if (/^\/[a-z_]+$/.test(text)) await send({ kind: 'command', command: text.slice(1) });
  else if (text.startsWith('!lang ')) await send({ kind: 'command', command: SET_LANGUAGE_COMMAND + text.slice(6).trim() });
  else await send({ kind: 'text', text }, text);
  rl.prompt();
}
await services.database.close();

/**
 * Conversations as data: `test/scenarios/*.yaml` hold user turns and the bot's expected replies,
 * and, for what happens after an application, steps of the world around the person: `given` (what
 * exists before the conversation: an application), `staff` (what a counsellor does) and `clock`
 * (time passes and the scheduler runs); their `bot` is what the person is sent meanwhile.
 * The same files run on every driver (conversation service, web chat API, Telegram webhook).
 * `UPDATE_SCENARIOS=1` rewrites the expectations from what the first driver produced, for a change
 * that is intended; review the diff.
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { z } from 'zod';

const expected = z.union([
  z.string(),
  z
    .object({ text: z.string().optional(), key: z.string().optional(), buttons: z.array(z.string()).optional() })
    .strict(),
]);

const bot = z.array(expected).default([]);
const turn = z.union([
  z.object({ user: z.string(), bot }).strict(),
  z.object({ given: z.string(), bot }).strict(),
  z.object({ staff: z.string(), bot }).strict(),
  z.object({ clock: z.string(), bot }).strict(),
]);

const scenarioSchema = z
  .object({
    description: z.string(),
    language: z.string().default('en'),
    /**
     * The drivers it runs on, when it needs what only some channels can do (deleting messages from
     * the phone: Telegram); the first one writes its expectations. Default: every driver.
     */
    drivers: z.array(z.enum(['service', 'web', 'telegram'])).min(1).optional(),
    turns: z.array(turn).min(1),
  })
  .strict();

export type Turn = z.infer<typeof turn>;
/** A step of the world around the person (see the module comment). */
export type WorldStep = Exclude<Turn, { user: string }>;

export type Scenario = z.infer<typeof scenarioSchema> & { file: string };
export type Expected = z.infer<typeof expected>;

/** What a driver reports for one bot message. */
export interface BotMessage {
  key?: string;
  /** The message as the channel shows it (safe HTML). */
  text: string;
  /** Buttons: choices then navigation, each with the id the channel sends back. */
  buttons: Array<{ id: string; text: string }>;
}

/** What a user turn means to a driver. */
export type UserAction =
  | { kind: 'text'; text: string }
  | { kind: 'command'; command: string }
  | { kind: 'press'; id: string; label: string }
  | { kind: 'language'; language: string };

export interface Driver {
  /** Sends one user action; resolves with the bot's replies to it. */
  send(action: UserAction): Promise<BotMessage[]>;
  /** The person as the service knows them (channel and id). */
  contact(): Promise<{ channel: string; channelUserId: string }>;
  /** What the person was sent outside their turns since the last call (delivered, where the channel delivers). */
  pushed(): Promise<BotMessage[]>;
}

/** Does the world's steps (given, staff, clock) for one scenario. */
export interface World {
  step(step: WorldStep, driver: Driver): Promise<void>;
}

export const SCENARIO_DIR = join(import.meta.dirname, '..', 'scenarios');

export function loadScenarios(dir = SCENARIO_DIR): Scenario[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => ({ ...scenarioSchema.parse(parse(readFileSync(join(dir, f), 'utf8'))), file: join(dir, f) }));
}

/**
 * Reads a user turn: `/cmd`, `[Button label]`, `[#choice_id]` (the button with that choice id,
 * whatever its label in the scenario's language), `!lang xx`, or text.
 */
export function parseUserTurn(user: string, last: BotMessage[]): UserAction {
  const command = /^\/([a-z_]+)$/.exec(user);
  if (command?.[1]) return { kind: 'command', command: command[1] };
  const lang = /^!lang ([a-zA-Z-]+)$/.exec(user);
  if (lang?.[1]) return { kind: 'language', language: lang[1] };
  const byId = /^\[#([a-z0-9_.]+)\]$/.exec(user);
  if (byId?.[1]) {
    const id = byId[1];
    // Channels may add a question prefix to the id (Telegram: `<question>|<id>`).
    const matches = (b: { id: string }): boolean => b.id === id || b.id.endsWith(`|${id}`);
    for (const message of [...last].reverse()) {
      const button = message.buttons.find(matches);
      if (button) return { kind: 'press', id: button.id, label: button.text };
    }
    throw new Error(`no button with id "${id}" in the last replies: ${last.flatMap((m) => m.buttons.map((b) => b.id)).join(' | ')}`);
  }
  const press = /^\[(.+)\]$/.exec(user);
  if (press?.[1]) {
    const label = press[1];
    for (const message of [...last].reverse()) {
      const button = message.buttons.find((b) => b.text === label);
      if (button) return { kind: 'press', id: button.id, label };
    }
    throw new Error(`no button "${label}" in the last replies: ${last.flatMap((m) => m.buttons.map((b) => b.text)).join(' | ')}`);
  }
  return { kind: 'text', text: user };
}

/** The expectation form of an actual message: a string when it has no buttons. */
export function describe(message: BotMessage): Expected {
  return message.buttons.length === 0 ? message.text : { text: message.text, buttons: message.buttons.map((b) => b.text) };
}

// Case references come from a database sequence shared by every test in a file.
const mask = (text: string): string => text.replace(/AVR-\d{4}-\d{6,}/g, 'AVR-####-######');

/** Compares leniently where the scenario asks for less (by key only, or without buttons). */
export function matches(want: Expected, got: BotMessage): boolean {
  if (typeof want === 'string') return got.buttons.length === 0 && mask(want) === mask(got.text);
  if (want.key !== undefined && want.key !== got.key) return false;
  if (want.text !== undefined && mask(want.text) !== mask(got.text)) return false;
  if (want.buttons !== undefined && JSON.stringify(want.buttons) !== JSON.stringify(got.buttons.map((b) => b.text))) return false;
  return true;
}

export interface TurnResult {
  turn: Turn;
  /** How the turn reads in a failure message. */
  label: string;
  want: Expected[];
  got: BotMessage[];
}

const labelOf = (turn: Turn): string =>
  'user' in turn ? turn.user : 'given' in turn ? `given: ${turn.given}` : 'staff' in turn ? `staff: ${turn.staff}` : `clock: ${turn.clock}`;

/** Plays a scenario on a driver and returns every turn's expected and actual replies. */
export async function play(scenario: Scenario, driver: Driver, world?: World): Promise<TurnResult[]> {
  const results: TurnResult[] = [];
  let last: BotMessage[] = [];
  for (const turn of scenario.turns) {
    let got: BotMessage[];
    if ('user' in turn) got = await driver.send(parseUserTurn(turn.user, last));
    else {
      if (!world) throw new Error(`${scenario.file}: "${labelOf(turn)}" needs a world to run in`);
      await world.step(turn, driver);
      got = await driver.pushed();
    }
    results.push({ turn, label: labelOf(turn), want: turn.bot, got });
    if (got.length > 0) last = got;
  }
  return results;
}

export const updating = process.env['UPDATE_SCENARIOS'] === '1';

/** Writes what was produced back into the scenario file (UPDATE_SCENARIOS=1). */
export function rewrite(scenario: Scenario, results: TurnResult[]): void {
  const doc = {
    description: scenario.description,
    language: scenario.language,
    ...(scenario.drivers ? { drivers: scenario.drivers } : {}),
    turns: results.map((r) => ({ ...r.turn, bot: r.got.map(describe) })),
  };
  writeFileSync(scenario.file, stringify(doc, { lineWidth: 0 }));
}

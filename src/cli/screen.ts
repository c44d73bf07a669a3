/**
 * Screens one complete set of answers (the ids in eligibility.md) with the rules in flows/rules/ and
 * prints one JSON line: {"outcome","urgent","rules","route","version"}.
 *
 *   npm run --silent screen -- '{"track":"migrant","consent":true,"danger_now":true}'
 *
 * Exit 0 with the result; 2 when the input is not valid JSON, has unknown ids or wrong types, names
 * a host country that is not served, or does not decide the result (stderr says why); 1 when the
 * rule files do not load.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  IncompleteAnswersError,
  RULE_FILES,
  RulesError,
  answersSchema,
  evaluate,
  loadRules,
  type LoadedRules,
  type RuleTexts,
} from '../screening/index.js';

const root = resolve(import.meta.dirname, '../..');

function fail(message: string, code: number): never {
  console.error(`screen: ${message}`);
  process.exit(code);
}

function readRules(): LoadedRules {
  const texts = Object.fromEntries(
    Object.entries(RULE_FILES).map(([key, file]) => [key, readFileSync(join(root, file), 'utf8')]),
  ) as RuleTexts;
  try {
    return loadRules(texts);
  } catch (e) {
    if (e instanceof RulesError) fail(e.message, 1);
    throw e;
  }
}

const args = process.argv.slice(2);
if (args.length !== 1) {
  fail(`expected one argument, the answers as a JSON object, e.g.\n  npm run --silent screen -- '{"track":"migrant","consent":true,"danger_now":true}'`, 2);
}

let input: unknown;
try {
  input = JSON.parse(args[0]!);
} catch (e) {
  fail(`the answers are not valid JSON: ${e instanceof Error ? e.message : String(e)}`, 2);
}
if (input === null || typeof input !== 'object' || Array.isArray(input)) fail('the answers must be a JSON object', 2);

const parsed = answersSchema.safeParse(input);
if (!parsed.success) {
  const lines = parsed.error.issues.map((i) => `  ${i.path.length ? `${i.path.join('.')}: ` : ''}${i.message}`);
  fail(`invalid answers:\n${lines.join('\n')}`, 2);
}
const answers = parsed.data;

const data = readRules();
if (answers.host_country !== undefined && !data.hostCountries.codes.includes(answers.host_country)) {
  fail(`invalid answers:\n  host_country: ${answers.host_country} is not served (${data.hostCountries.codes.join(', ')})`, 2);
}

try {
  const { outcome, urgent, rules, route, version } = evaluate(answers, data);
  process.stdout.write(`${JSON.stringify({ outcome, urgent, rules, route, version })}\n`);
} catch (e) {
  if (e instanceof IncompleteAnswersError) fail(`the answers do not decide the result yet: ${e.message}`, 2);
  throw e;
}

/**
 * Reads a translator's XLIFF 2.0 file back into locales/<tag>/*.json and the language's review
 * record (locales/<tag>/.review.json). All or nothing: a changed or missing placeholder, markup
 * Telegram would refuse, a new link or a too long button refuses the whole file, naming each key.
 *
 *   npm run i18n:import -- xliff/ps.xlf [--dry-run] [--baseline]
 *
 * --baseline also records every unchanged draft (unrecorded, or edited by hand in the JSON) as a
 * draft against today's English, so that a later change to the English shows it as stale.
 *
 * Run from the repository root. Exit 0 when imported (or nothing changed), 1 when refused, 2 on a
 * wrong argument or an unreadable file.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { readContentSource } from '../flow/read-dir.js';
import { reviewFile } from '../i18n/review.js';
import { readXliff } from '../i18n/xliff.js';
import { importXliff } from '../i18n/xliff-import.js';

function fail(message: string, code: number): never {
  console.error(`i18n:import: ${message}`);
  process.exit(code);
}

let args;
try {
  args = parseArgs({
    options: { 'dry-run': { type: 'boolean', default: false }, baseline: { type: 'boolean', default: false } },
    allowPositionals: true,
  });
} catch (e) {
  fail(e instanceof Error ? e.message : String(e), 2);
}
const [file, ...more] = args.positionals;
if (!file || more.length) fail('give one XLIFF file: npm run i18n:import -- xliff/ps.xlf', 2);
let xliff: string;
try {
  xliff = readFileSync(file, 'utf8');
} catch (e) {
  fail(`cannot read ${file}: ${e instanceof Error ? e.message : String(e)}`, 2);
}
const root = process.cwd();
let tag = '';
try {
  tag = readXliff(xliff).trgLang;
} catch (e) {
  fail(`${file}: ${e instanceof Error ? e.message : String(e)}`, 1);
}
const sidecarPath = join(root, reviewFile(tag));
const review = existsSync(sidecarPath) ? readFileSync(sidecarPath, 'utf8') : undefined;
const result = importXliff(readContentSource(root), review, xliff, { baseline: args.values.baseline });
if (!result.ok) {
  console.error(`i18n:import: ${file} refused, nothing was written:`);
  for (const problem of result.problems) console.error(`  ${problem}`);
  process.exit(1);
}
const { outcome } = result;
for (const warning of outcome.warnings) console.log(`note: ${warning}`);
const dry = args.values['dry-run'];
for (const [path, text] of Object.entries(outcome.writes)) {
  if (!dry) writeFileSync(join(root, path), text);
  console.log(`${dry ? 'would write' : 'wrote'} ${path}`);
}
console.log(
  `${outcome.tag}: ${outcome.changed.length} text${outcome.changed.length === 1 ? '' : 's'} changed, ` +
    `${outcome.reviewed.length} newly reviewed, ${outcome.unreviewed.length} back to draft`,
);

/**
 * Writes one XLIFF 2.0 file per language for translators' own tools: every string a migrant may
 * read, with the English source, the current translation, where it is used and its review state.
 *
 *   npm run i18n:export -- --lang ps                 writes xliff/ps.xlf
 *   npm run i18n:export -- --lang ps,sq --out dir    writes dir/ps.xlf and dir/sq.xlf
 *   npm run i18n:export -- --lang all                every language but English
 *   npm run i18n:export -- --lang ps --out ps.xlf    one language to one file
 *
 * Run from the repository root. Exit 2 on a wrong argument or an unknown language.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadCheckedContent } from '../flow/load.js';
import { readContentSource } from '../flow/read-dir.js';
import { SOURCE_LANGUAGE } from '../flow/check-locale-index.js';
import { parseSidecar, reviewFile } from '../i18n/review.js';
import { exportXliff } from '../i18n/xliff-export.js';

function fail(message: string): never {
  console.error(`i18n:export: ${message}`);
  process.exit(2);
}

let args;
try {
  args = parseArgs({ options: { lang: { type: 'string', multiple: true }, out: { type: 'string' } }, allowPositionals: false });
} catch (e) {
  fail(e instanceof Error ? e.message : String(e));
}
const root = process.cwd();
const content = loadCheckedContent(readContentSource(root));
const asked = (args.values.lang ?? []).flatMap((l) => l.split(',')).map((l) => l.trim()).filter(Boolean);
if (asked.length === 0) fail('say which language: --lang ps (or --lang all)');
const tags = asked.includes('all') ? content.languages.map((l) => l.tag).filter((t) => t !== SOURCE_LANGUAGE) : asked;
const out = args.values.out;
const toFile = out !== undefined && /\.(xlf|xliff)$/.test(out);
if (toFile && tags.length > 1) fail(`--out ${out} is one file, but ${tags.length} languages were asked: give a directory`);

for (const tag of tags) {
  const sidecarPath = join(root, reviewFile(tag));
  const { sidecar, problem } = parseSidecar(existsSync(sidecarPath) ? readFileSync(sidecarPath, 'utf8') : undefined);
  if (problem) fail(`${reviewFile(tag)}: ${problem}`);
  let xliff: string;
  try {
    xliff = exportXliff(content, tag, sidecar);
  } catch (e) {
    fail(e instanceof Error ? e.message : String(e));
  }
  const path = toFile ? out : join(out ?? 'xliff', `${tag}.xlf`);
  mkdirSync(dirname(resolve(root, path)), { recursive: true });
  writeFileSync(resolve(root, path), xliff);
  console.log(`wrote ${path}`);
}

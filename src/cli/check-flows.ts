/**
 * Checks flows/ and locales/ (shape, graph, translations) and the data files beside the flows
 * (screening rules, services directory), prints every issue and a coverage table per language
 * with how many strings a native speaker reviewed (locales/<tag>/.review.json). Exits 1 when there
 * is any issue. Run from the repository root.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkData } from '../conversation/check-data.js';
import { formatIssue, loadContent, type Content, type Issue } from '../flow/content.js';
import { SOURCE_LANGUAGE } from '../flow/check-locale-index.js';
import { readContentSource } from '../flow/read-dir.js';
import { coverage, validateContent } from '../flow/validate.js';
import { parseSidecar, reviewFile } from '../i18n/review.js';
import { reviewCounts, type ReviewCounts } from '../i18n/review-summary.js';

const root = process.cwd();
const { content, issues } = loadContent(readContentSource(root));
if (content) issues.push(...validateContent(content), ...checkData(content));

/** Review counts per translated language; a language marked reviewed must be reviewed string by string. */
function reviews(content: Content, issues: Issue[]): Map<string, ReviewCounts> {
  const counts = new Map<string, ReviewCounts>();
  for (const language of content.languages) {
    if (language.tag === SOURCE_LANGUAGE) continue;
    const path = join(root, reviewFile(language.tag));
    const { sidecar, problem } = parseSidecar(existsSync(path) ? readFileSync(path, 'utf8') : undefined);
    if (problem) issues.push({ file: reviewFile(language.tag), message: problem });
    const c = reviewCounts(content, language.tag, sidecar);
    counts.set(language.tag, c);
    if (language.status === 'reviewed' && c.reviewed < c.strings) {
      issues.push({
        file: 'locales/languages.json',
        message: `"${language.tag}" is marked reviewed, but ${c.strings - c.reviewed} of its ${c.strings} strings are not (${reviewFile(language.tag)}): mark it draft, or review them`,
      });
    }
  }
  return counts;
}

const counted = content ? reviews(content, issues) : new Map<string, ReviewCounts>();
for (const issue of issues) console.log(formatIssue(issue));

if (content) {
  const rows = coverage(content).map((c) => {
    const r = counted.get(c.tag);
    return [c.tag, c.name, c.status, `${c.translated}/${c.keys}`, `${c.percent}%`, r ? String(r.reviewed) : '-', r ? String(r.stale) : '-'];
  });
  const table = [['tag', 'name', 'status', 'translated', 'percent', 'reviewed', 'stale'], ...rows];
  const widths = table[0]!.map((_, i) => Math.max(...table.map((row) => row[i]!.length)));
  if (issues.length) console.log('');
  for (const row of table) console.log(row.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd());
  console.log('reviewed: strings a native speaker checked; stale: the English changed since, the translation did not');
}
console.log(issues.length ? `\n${issues.length} issue${issues.length === 1 ? '' : 's'}` : '\nflows and locales are consistent');
process.exitCode = issues.length ? 1 : 0;

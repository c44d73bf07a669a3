/**
 * Checks flows/ and locales/ (shape, graph, translations) and the data files beside the flows
 * (screening rules, services directory), prints every issue and a coverage
 * table per language. Exits 1 when there is any issue. Run from the repository root.
 */
import { checkData } from '../conversation/check-data.js';
import { formatIssue, loadContent } from '../flow/content.js';
import { readContentSource } from '../flow/read-dir.js';
import { coverage, validateContent } from '../flow/validate.js';

const { content, issues } = loadContent(readContentSource(process.cwd()));
if (content) issues.push(...validateContent(content), ...checkData(content));
for (const issue of issues) console.log(formatIssue(issue));

if (content) {
  const rows = coverage(content).map((c) => [c.tag, c.name, c.status, `${c.translated}/${c.keys}`, `${c.percent}%`]);
  const table = [['tag', 'name', 'status', 'translated', 'percent'], ...rows];
  const widths = table[0]!.map((_, i) => Math.max(...table.map((row) => row[i]!.length)));
  if (issues.length) console.log('');
  for (const row of table) console.log(row.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd());
}
console.log(issues.length ? `\n${issues.length} issue${issues.length === 1 ? '' : 's'}` : '\nflows and locales are consistent');
process.exitCode = issues.length ? 1 : 0;

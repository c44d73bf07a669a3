/**
 * CSV for spreadsheet programs: UTF-8 with a byte-order mark (so Excel reads Arabic script right),
 * CRLF line ends, every field quoted when it needs to be, and formula injection defused.
 */
import type { Item, Scalar } from '../flow/schema.js';
import { isSensitiveAnswer } from '../flow/data-categories.js';
import type { ExportRow } from './ports.js';

export const BOM = '\uFEFF';

/** A cell that starts like a formula (`=`, `+`, `-`, `@`, tab, CR) gets a leading apostrophe. */
export function csvCell(value: Scalar | Date | Array<Scalar | Item> | undefined): string {
  let text: string;
  if (value === null || value === undefined) text = '';
  else if (value instanceof Date) text = value.toISOString();
  // Items (a person travelling along) as `field=value` pairs, so a spreadsheet keeps them apart.
  else if (Array.isArray(value)) {
    text = value
      .map((v) => (v !== null && typeof v === 'object' ? Object.entries(v).map(([k, x]) => `${k}=${String(x)}`).join(' ') : String(v)))
      .join(value.some((v) => v !== null && typeof v === 'object') ? '; ' : ' ');
  }
  else text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replaceAll('"', '""')}"` : text;
}

const FIXED = [
  'reference',
  'created_at',
  'channel',
  'kind',
  'queue',
  'status',
  'outcome',
  'urgent',
  'rules',
  'route',
  'rules_version',
  'language',
  'nationality',
  'return_country',
  'host_country',
  'assignee',
  'updated_at',
] as const;

/**
 * The applications as CSV: fixed columns, then every categorical answer seen (`answer.<name>`),
 * sorted. Personal answers and free text are never exported: they stay behind the case page. The
 * answers about safety and health (SENSITIVE_ANSWERS) only when a coordinator asks for them.
 */
export function applicationsCsv(rows: readonly ExportRow[], assigneeName: (id: string | null) => string, options: { sensitive?: boolean } = {}): string {
  const answerNames = [...new Set(rows.flatMap((r) => Object.keys(r.answers)))].filter((n) => options.sensitive === true || !isSensitiveAnswer(n)).sort();
  const header = [...FIXED, ...answerNames.map((n) => `answer.${n}`)];
  const lines = [header.map(csvCell).join(',')];
  for (const r of rows) {
    const fixed: Array<Scalar | Date | string[]> = [
      r.reference,
      r.createdAt,
      r.channel,
      r.kind,
      r.queue,
      r.status,
      r.outcome,
      r.urgent,
      r.rules,
      r.route,
      r.rulesVersion,
      r.language,
      r.nationality,
      r.returnCountry,
      r.hostCountry,
      assigneeName(r.assignee),
      r.updatedAt,
    ];
    lines.push([...fixed, ...answerNames.map((n) => r.answers[n])].map(csvCell).join(','));
  }
  return `${BOM}${lines.join('\r\n')}\r\n`;
}

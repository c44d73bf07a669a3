/**
 * Canned replies a counsellor can send (`locales/<tag>/templates.json`): their names and the values
 * each needs, read from the English source text. Values are typed, never free text, so a canned
 * reply cannot be made to say something the service did not write: a date (`{{when, date}}`), or a
 * place (`{{place}}`) from the list coordinators keep.
 */
import type { Resources } from '../flow/content.js';

export const TEMPLATES_NAMESPACE = 'templates';

export type TemplateValueType = 'date' | 'place';

export interface CaseTemplate {
  name: string;
  /** Values the counsellor fills in (`{{date, date}}` -> `date`), in order of first use. */
  params: string[];
  /** What each value must be. */
  types: Record<string, TemplateValueType>;
}

export class TemplateError extends Error {
  override name = 'TemplateError';
}

/** The canned replies, in the order of the English file. A value that is neither a date nor a place is refused. */
export function templateCatalog(resources: Resources, source = 'en'): CaseTemplate[] {
  const texts = resources[source]?.[TEMPLATES_NAMESPACE] ?? {};
  return Object.entries(texts).flatMap(([name, text]) => {
    if (typeof text !== 'string') return [];
    const types: Record<string, TemplateValueType> = {};
    for (const m of text.matchAll(/\{\{\s*([A-Za-z_]\w*)\s*(?:,\s*([A-Za-z_]\w*))?[^}]*\}\}/g)) {
      const param = m[1] ?? '';
      const type: TemplateValueType | null = m[2] === 'date' ? 'date' : param === 'place' ? 'place' : null;
      if (!type) throw new TemplateError(`templates:${name}: {{${param}}} must be a date ({{${param}, date}}) or {{place}}: canned replies take no free text`);
      types[param] = type;
    }
    return [{ name, params: Object.keys(types), types }];
  });
}

/** A value as typed by a counsellor, checked: an ISO date from today to a year ahead, or a known place. */
export function checkTemplateValue(
  type: TemplateValueType,
  raw: string,
  context: { today: Date; places: readonly string[] },
): { ok: true; value: string } | { ok: false } {
  const value = raw.trim();
  if (type === 'place') {
    const found = context.places.find((p) => p.trim().toLowerCase() === value.toLowerCase());
    return found ? { ok: true, value: found } : { ok: false };
  }
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return { ok: false };
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  if (date.toISOString().slice(0, 10) !== value) return { ok: false };
  const today = Date.UTC(context.today.getUTCFullYear(), context.today.getUTCMonth(), context.today.getUTCDate());
  const inAYear = today + 366 * 24 * 60 * 60 * 1000;
  return date.getTime() >= today && date.getTime() <= inAYear ? { ok: true, value } : { ok: false };
}

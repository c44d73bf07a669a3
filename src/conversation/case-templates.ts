/**
 * Canned replies a counsellor can send (`locales/<tag>/templates.json`): their names and the
 * values each needs, read from the English source text.
 */
import type { Resources } from '../flow/content.js';

export const TEMPLATES_NAMESPACE = 'templates';

export interface CaseTemplate {
  name: string;
  /** Values the counsellor fills in (`{{date, date}}` -> `date`), in order of first use. */
  params: string[];
}

/** The canned replies, in the order of the English file. */
export function templateCatalog(resources: Resources, source = 'en'): CaseTemplate[] {
  const texts = resources[source]?.[TEMPLATES_NAMESPACE] ?? {};
  return Object.entries(texts).flatMap(([name, text]) =>
    typeof text === 'string' ? [{ name, params: [...new Set([...text.matchAll(/\{\{\s*([A-Za-z_][\w]*)[^}]*\}\}/g)].map((m) => m[1] ?? ''))] }] : [],
  );
}

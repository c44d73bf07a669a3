/** How much of what the flows need is translated, per language. */
import type { Content } from './content.js';
import { localeModel } from './check-locales.js';
import type { Language } from './languages.js';

export interface LanguageCoverage {
  tag: string;
  name: string;
  status: Language['status'];
  /** Keys every language needs (flow keys, system keys, English keys of shared namespaces; not staff-only ones). */
  keys: number;
  /** Of those, present with every text non-empty. */
  translated: number;
  /** Rounded down, so 100 means complete. */
  percent: number;
}

/** One row per language of locales/languages.json, in its order. */
export function coverage(content: Content): LanguageCoverage[] {
  const { index, expected, staff } = localeModel(content);
  // Staff-only namespaces stay in English and are not part of any language's coverage.
  const needed = [...expected].filter(([ns]) => !staff.has(ns)).flatMap(([ns, keys]) => [...keys.keys()].map((key) => [ns, key] as const));
  return content.languages.map(({ tag, name, status }) => {
    const translated = needed.filter(([ns, key]) => {
      const entry = index.get(tag, ns, key);
      return entry !== undefined && [...entry.texts.values()].every((t) => t.trim() !== '');
    }).length;
    const percent = needed.length === 0 ? 100 : Math.floor((100 * translated) / needed.length);
    return { tag, name, status, keys: needed.length, translated, percent };
  });
}

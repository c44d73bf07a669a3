/**
 * The translations flattened and grouped the way i18next reads them: nested objects joined with
 * `.` (keySeparator), plural variants (`key_one`, `key_other`, ...) grouped under their base key.
 */
import type { Issue, Resources } from './content.js';

/** The language every text is written in first; all others are compared with it. */
export const SOURCE_LANGUAGE = 'en';

export const PLURAL_SUFFIX = /^(.+)_(zero|one|two|few|many|other)$/;

/** One key as code asks for it: a plain text, or the plural variants of a base key. */
export interface Entry {
  key: string;
  plural: boolean;
  /** Full key in the file (`items_one`) -> its text. */
  texts: Map<string, string>;
}

/** Variables a text interpolates: `{{name}}`, `{{name, format}}`, `{{- name}}`. */
export function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{\s*-?\s*([^\s,}]+)[^}]*\}\}/g)].map((m) => m[1] ?? '');
}

/**
 * The placeholders of a text as written, spacing normalised: `{{name}}`, `{{x, date}}`, `{{- raw}}`.
 * A translation must keep the format and the escaping, not only the variable's name.
 */
export function placeholderForms(text: string): string[] {
  return [...text.matchAll(/\{\{\s*(-?)\s*([^\s,}]+)\s*(?:,\s*([^}]*?))?\s*\}\}/g)].map(
    ([, raw, name, format]) => `{{${raw ? '- ' : ''}${name}${format ? `, ${format.replace(/\s+/g, ' ')}` : ''}}}`,
  );
}

/** The union of the placeholder forms of all texts of an entry. */
export function entryPlaceholderForms(entry: Entry): Set<string> {
  return new Set([...entry.texts.values()].flatMap(placeholderForms));
}

/** The union of the variables of all texts of an entry. */
export function entryPlaceholders(entry: Entry): Set<string> {
  return new Set([...entry.texts.values()].flatMap(placeholders));
}

export function localeFile(tag: string, ns: string): string {
  return `locales/${tag}/${ns}.json`;
}

function flatten(value: Record<string, unknown>, file: string, issues: Issue[]): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (obj: Record<string, unknown>, prefix: string): void => {
    for (const [k, v] of Object.entries(obj)) {
      const key = prefix + k;
      if (typeof v === 'string') {
        if (out.has(key)) issues.push({ file, message: `key "${key}" is defined twice (flat and nested)` });
        out.set(key, v);
      } else if (v !== null && typeof v === 'object' && !Array.isArray(v)) walk(v as Record<string, unknown>, `${key}.`);
      else issues.push({ file, message: `key "${key}": expected a text or an object of texts` });
    }
  };
  walk(value, '');
  return out;
}

/** All translations, indexed by language, namespace and key. */
export class LocaleIndex {
  private readonly data = new Map<string, Map<string, Map<string, Entry>>>();
  /** Problems met while reading (values that are not texts, keys defined twice). */
  readonly issues: Issue[] = [];

  /** `usedPlain(ns)`: keys the flows name exactly, never read as plural variants (`choice_other`). */
  constructor(resources: Resources, usedPlain: (ns: string) => ReadonlySet<string>) {
    for (const [tag, namespaces] of Object.entries(resources)) {
      const byNs = new Map<string, Map<string, Entry>>();
      this.data.set(tag, byNs);
      for (const [ns, json] of Object.entries(namespaces)) {
        const entries = new Map<string, Entry>();
        byNs.set(ns, entries);
        const plain = usedPlain(ns);
        for (const [full, text] of flatten(json, localeFile(tag, ns), this.issues)) {
          const match = plain.has(full) ? null : PLURAL_SUFFIX.exec(full);
          const key = match?.[1] ?? full;
          let entry = entries.get(key);
          if (!entry) entries.set(key, (entry = { key, plural: false, texts: new Map() }));
          entry.plural ||= match !== null;
          entry.texts.set(full, text);
        }
      }
    }
  }

  tags(): string[] {
    return [...this.data.keys()];
  }

  namespaces(tag: string): string[] {
    return [...(this.data.get(tag)?.keys() ?? [])];
  }

  /** The entries of one file, or undefined when the file does not exist. */
  file(tag: string, ns: string): ReadonlyMap<string, Entry> | undefined {
    return this.data.get(tag)?.get(ns);
  }

  get(tag: string, ns: string, key: string): Entry | undefined {
    return this.data.get(tag)?.get(ns)?.get(key);
  }
}

/** The plural categories CLDR gives a language (`ar`: zero one two few many other). */
export function pluralCategories(tag: string): readonly string[] {
  const order = ['zero', 'one', 'two', 'few', 'many', 'other'];
  const found: readonly string[] = new Intl.PluralRules(tag).resolvedOptions().pluralCategories;
  return order.filter((c) => found.includes(c));
}

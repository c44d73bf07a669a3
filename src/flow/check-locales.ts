/**
 * Translations against the flows: every key a flow or the program sends exists in every
 * language, no key is left over, plural forms fit each language, and every language
 * interpolates the same variables as English.
 */
import type { Content, Issue } from './content.js';
import { keyUses, namespaceOf, splitKey, type KeyUse } from './check-keys.js';
import {
  entryPlaceholderForms,
  entryPlaceholders,
  LocaleIndex,
  localeFile,
  PLURAL_SUFFIX,
  pluralCategories,
  SOURCE_LANGUAGE,
  type Entry,
} from './check-locale-index.js';
import { MY_DATA_FIELDS, myDataFieldKey } from './data-categories.js';
import { buttonKeys, languageNameKey, systemKeys, type SystemKey } from './system-keys.js';

/** Why a key must exist. */
export interface Requirement {
  uses: KeyUse[];
  system: boolean;
  /** Present in English in a namespace no flow owns (common, templates, ...). */
  inSource: boolean;
}

export interface LocaleModel {
  index: LocaleIndex;
  /** namespace -> key -> why every language needs it. */
  expected: Map<string, Map<string, Requirement>>;
  /** Namespaces flows own: only the keys flows use belong there. */
  owned: ReadonlySet<string>;
  /** Fully qualified keys shown on buttons. */
  buttons: ReadonlySet<string>;
  /** The languages to check: English first, then locales/languages.json. */
  tags: readonly string[];
  /** Namespaces only staff read: English alone, no other language has them. */
  staff: ReadonlySet<string>;
}

function requirement(expected: LocaleModel['expected'], qualified: string): Requirement {
  const { ns, key } = splitKey(qualified);
  let keys = expected.get(ns);
  if (!keys) expected.set(ns, (keys = new Map()));
  let req = keys.get(key);
  if (!req) keys.set(key, (req = { uses: [], system: false, inSource: false }));
  return req;
}

/** What the translations must contain, from the flows, the system keys and English. */
export function localeModel(content: Content): LocaleModel {
  const expected: LocaleModel['expected'] = new Map();
  const uses = keyUses(content);
  for (const use of uses) requirement(expected, use.key).uses.push(use);
  for (const key of Object.keys(systemKeys)) requirement(expected, key).system = true;
  // Every language's own name, in every language: /mydata and the pickers show it.
  for (const language of content.languages) requirement(expected, languageNameKey(language.tag)).system = true;
  // Every answer's label in /mydata.
  for (const name of MY_DATA_FIELDS) requirement(expected, myDataFieldKey(name)).system = true;
  const named = new Map([...expected].map(([ns, keys]) => [ns, new Set(keys.keys())] as const));
  const index = new LocaleIndex(content.resources, (ns) => named.get(ns) ?? new Set());
  const owned = new Set([...content.flows.values()].map(namespaceOf).filter((ns) => ns !== 'common'));
  // A flow's namespace belongs to it even while it sends no key of its own.
  for (const ns of owned) if (!expected.has(ns)) expected.set(ns, new Map());
  for (const ns of index.namespaces(SOURCE_LANGUAGE)) {
    if (owned.has(ns)) continue;
    for (const key of index.file(SOURCE_LANGUAGE, ns)?.keys() ?? []) requirement(expected, `${ns}:${key}`).inSource = true;
  }
  // Keys a text names in a formatter's options (`{{x, items(line: application:companion_line)}}`).
  for (const ns of index.namespaces(SOURCE_LANGUAGE)) {
    for (const entry of index.file(SOURCE_LANGUAGE, ns)?.values() ?? []) {
      for (const text of entry.texts.values()) for (const key of formatterKeys(text)) requirement(expected, key).inSource = true;
    }
  }
  const buttons = new Set([...buttonKeys, ...uses.filter((u) => u.button).map((u) => u.key)]);
  const tags = [...new Set([SOURCE_LANGUAGE, ...content.languages.map((l) => l.tag)])];
  return { index, expected, owned, buttons, tags, staff: new Set(content.staffNamespaces) };
}

/** Locale keys named as formatter options inside a text's placeholders (`line: ns:key`). */
export function formatterKeys(text: string): string[] {
  const keys: string[] = [];
  for (const placeholder of text.matchAll(/\{\{[^}]*\(([^)]*)\)\s*\}\}/g)) {
    for (const option of (placeholder[1] ?? '').split(';')) {
      const value = /^\s*[a-z]+\s*:\s*([a-z][a-z0-9_]*:[a-z][a-z0-9_.]*)\s*$/.exec(option)?.[1];
      if (value) keys.push(value);
    }
  }
  return keys;
}

function why(req: Requirement): string {
  const [first, ...more] = req.uses;
  if (first) return `used by ${first.file} node ${first.node}${more.length ? ` and ${more.length} more` : ''}`;
  return req.system ? 'a system key the program sends' : `in ${SOURCE_LANGUAGE}`;
}

const list = (vars: Iterable<string>): string => [...vars].map((v) => `{{${v}}}`).join(', ');

function checkLanguageList(content: Content, model: LocaleModel): Issue[] {
  const issues: Issue[] = [];
  const file = 'locales/languages.json';
  const listed = content.languages.map((l) => l.tag);
  if (!listed.includes(SOURCE_LANGUAGE)) issues.push({ file, message: `the source language "${SOURCE_LANGUAGE}" is not listed` });
  listed.forEach((tag, i) => {
    if (listed.indexOf(tag) !== i) issues.push({ file, message: `"${tag}" is listed twice` });
  });
  for (const tag of model.index.tags()) {
    if (!model.tags.includes(tag)) issues.push({ file: `locales/${tag}/`, message: `"${tag}" is not listed in ${file}` });
  }
  for (const { tag, cldr } of content.languages) {
    if (cldr && Intl.DateTimeFormat.supportedLocalesOf([cldr]).length === 0) {
      issues.push({ file, message: `"${tag}": cldr "${cldr}" has no country names or dates in this runtime's CLDR data` });
    }
  }
  return issues;
}

function checkPlurals(tag: string, file: string, entry: Entry): Issue[] {
  if (!entry.plural) return [];
  const forms = [...entry.texts.keys()].flatMap((full) => (full === entry.key ? [] : [PLURAL_SUFFIX.exec(full)?.[2] ?? '']));
  const valid = pluralCategories(tag);
  const issues: Issue[] = [];
  if (!forms.includes('other')) issues.push({ file, message: `key "${entry.key}": plural forms need "${entry.key}_other"` });
  for (const form of forms) {
    // i18next uses `_zero` for a count of 0 in every language, whatever CLDR says.
    if (form !== 'zero' && !valid.includes(form)) {
      issues.push({ file, message: `key "${entry.key}_${form}": "${form}" is not a plural form of ${tag} (${valid.join(', ')})` });
    }
  }
  return issues;
}

/** The second pass over translations. */
export function checkLocales(content: Content, model: LocaleModel): Issue[] {
  const { index, expected, owned, staff } = model;
  const issues: Issue[] = [...checkLanguageList(content, model), ...index.issues];
  for (const ns of staff) {
    if (owned.has(ns)) issues.push({ file: 'locales/languages.json', message: `"${ns}" is a flow's namespace: a migrant reads it, so it cannot be staff-only` });
  }
  for (const tag of model.tags) {
    const source = tag === SOURCE_LANGUAGE;
    for (const ns of source ? [] : index.namespaces(tag).filter((n) => staff.has(n))) {
      issues.push({ file: localeFile(tag, ns), message: `"${ns}" is read by staff only and kept in ${SOURCE_LANGUAGE} alone (locales/languages.json "staff"): remove this file` });
    }
    for (const [ns, keys] of expected) {
      if (!source && staff.has(ns)) continue;
      const file = localeFile(tag, ns);
      const entries = index.file(tag, ns);
      if (!entries && !source && keys.size > 0) {
        issues.push({ file, message: `missing: namespace "${ns}" needs ${keys.size} key${keys.size === 1 ? '' : 's'}`, kind: 'missing_translation' });
        continue;
      }
      for (const [key, req] of keys) {
        if (entries?.has(key)) continue;
        if (!source) issues.push({ file, message: `missing key "${key}" (${why(req)})`, kind: 'missing_translation' });
        else {
          for (const use of req.uses) {
            issues.push({ file: use.file, node: use.node, message: `${use.field}: "${use.key}" is not in ${file}` });
          }
          if (req.system) issues.push({ file, message: `missing system key "${key}" (the program sends ${ns}:${key})` });
        }
      }
    }
    for (const ns of index.namespaces(tag)) {
      if (!source && staff.has(ns)) continue;
      const file = localeFile(tag, ns);
      const keys = expected.get(ns);
      if (!keys) {
        issues.push({ file, message: `no flow uses namespace "${ns}" and ${localeFile(SOURCE_LANGUAGE, ns)} does not exist` });
        continue;
      }
      for (const entry of index.file(tag, ns)?.values() ?? []) {
        if (!keys.has(entry.key)) {
          const reason = owned.has(ns) ? 'is not used by any flow' : `is not in ${SOURCE_LANGUAGE}`;
          issues.push({ file, message: `key "${entry.key}" ${reason}` });
          continue;
        }
        issues.push(...checkPlurals(tag, file, entry));
        const en = index.get(SOURCE_LANGUAGE, ns, entry.key);
        if (source || !en) continue;
        // Whole placeholders: `{{x}}` for `{{x, date}}` loses the format, `{{- x}}` the escaping.
        const want = entryPlaceholderForms(en);
        const have = entryPlaceholderForms(entry);
        const missing = [...want].filter((v) => !have.has(v));
        const extra = [...have].filter((v) => !want.has(v));
        if (missing.length || extra.length) {
          const parts = [missing.length ? `lacks ${missing.join(', ')}` : '', extra.length ? `has ${extra.join(', ')} not in ${SOURCE_LANGUAGE}` : ''];
          issues.push({ file, message: `key "${entry.key}": ${parts.filter(Boolean).join('; ')}` });
        }
      }
    }
  }
  for (const [qualified, allowed] of Object.entries(systemKeys) as Array<[SystemKey, readonly string[]]>) {
    const { ns, key } = splitKey(qualified);
    const entry = index.get(SOURCE_LANGUAGE, ns, key);
    const extra = entry ? [...entryPlaceholders(entry)].filter((v) => !allowed.includes(v)) : [];
    if (extra.length) {
      const given = allowed.length ? `only ${list(allowed)}` : 'no variables';
      issues.push({ file: localeFile(SOURCE_LANGUAGE, ns), message: `key "${key}": ${list(extra)} cannot be filled: the program passes ${given}` });
    }
  }
  return issues;
}

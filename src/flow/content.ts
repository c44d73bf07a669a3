/**
 * Content = the flows, the app config and the translations. Loaded from a plain source object so
 * that Node (reading the folders) and Workers (a bundle made at build time) share this code.
 */
import { parse as parseYaml, YAMLError } from 'yaml';
import type { ZodError } from 'zod';
import { migrate } from './migrations.js';
import { appConfigSchema, flowSchema, type Flow, type FlowSet } from './schema.js';
import { languagesSchema, type Language } from './languages.js';

export interface ContentSource {
  /** Flow files by path (`flows/menu.yaml`), including `flows/app.yaml`. */
  flows: Record<string, string>;
  /** Data files in folders under flows/ (`flows/rules/eligibility.yaml`, ...), by path: not flows. */
  data?: Record<string, string>;
  /** The text of `locales/languages.json`. */
  languages: string;
  /** tag -> namespace -> the text of `locales/<tag>/<namespace>.json`. */
  locales: Record<string, Record<string, string>>;
}

export interface Issue {
  file: string;
  node?: string;
  message: string;
  /**
   * `missing_translation`: a language other than English lacks a key. The check fails on it, but
   * the service still starts: i18next shows the English text for that key until it is translated.
   */
  kind?: 'missing_translation';
}

export type Resources = Record<string, Record<string, Record<string, unknown>>>;

export interface Content extends FlowSet {
  /** Which file each flow came from, for error messages. */
  files: ReadonlyMap<string, string>;
  languages: readonly Language[];
  /** Namespaces only staff read: the source language alone (locales/languages.json `staff`). */
  staffNamespaces: readonly string[];
  resources: Resources;
  /** Data files by path (rules, lists, the services directory seed), as text. */
  data: Readonly<Record<string, string>>;
}

export const APP_FILE = 'flows/app.yaml';

/** Formats an issue as `file: node x: message`. */
export function formatIssue(issue: Issue): string {
  return `${issue.file}: ${issue.node ? `node ${issue.node}: ` : ''}${issue.message}`;
}

function zodIssues(file: string, error: ZodError): Issue[] {
  return error.issues.map((i) => {
    const path = i.path.map(String);
    const node = path[0] === 'nodes' ? path[1] : undefined;
    const where = (node ? path.slice(2) : path).join('.');
    return { file, ...(node ? { node } : {}), message: `${where ? `${where}: ` : ''}${i.message}` };
  });
}

function parseJson(file: string, text: string, issues: Issue[]): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    issues.push({ file, message: `not valid JSON: ${e instanceof Error ? e.message : String(e)}` });
    return undefined;
  }
}

function parseDoc(file: string, text: string, issues: Issue[]): Record<string, unknown> | undefined {
  try {
    const doc: unknown = parseYaml(text);
    if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
      issues.push({ file, message: 'expected a mapping at the top level' });
      return undefined;
    }
    return doc as Record<string, unknown>;
  } catch (e) {
    issues.push({ file, message: e instanceof YAMLError ? e.message : String(e) });
    return undefined;
  }
}

/** First pass: parses and checks the shape of every file. Returns content only when all is well. */
export function loadContent(source: ContentSource): { content: Content | null; issues: Issue[] } {
  const issues: Issue[] = [];
  const flows = new Map<string, Flow>();
  const files = new Map<string, string>();
  let app;
  for (const [file, text] of Object.entries(source.flows).sort(([a], [b]) => a.localeCompare(b))) {
    const doc = parseDoc(file, text, issues);
    if (!doc) continue;
    if (file === APP_FILE) {
      const parsed = appConfigSchema.safeParse(doc);
      if (parsed.success) app = parsed.data;
      else issues.push(...zodIssues(file, parsed.error));
      continue;
    }
    let migrated;
    try {
      migrated = migrate(doc);
    } catch (e) {
      issues.push({ file, message: e instanceof Error ? e.message : String(e) });
      continue;
    }
    const parsed = flowSchema.safeParse(migrated);
    if (!parsed.success) {
      issues.push(...zodIssues(file, parsed.error));
      continue;
    }
    const previous = files.get(parsed.data.id);
    if (previous) issues.push({ file, message: `flow id "${parsed.data.id}" is already used by ${previous}` });
    flows.set(parsed.data.id, parsed.data);
    files.set(parsed.data.id, file);
  }
  if (!(APP_FILE in source.flows)) issues.push({ file: APP_FILE, message: 'missing: it says where conversations start' });
  const languages = languagesSchema.safeParse(parseJson('locales/languages.json', source.languages, issues));
  if (!languages.success) issues.push(...zodIssues('locales/languages.json', languages.error));
  const resources: Resources = {};
  for (const [tag, namespaces] of Object.entries(source.locales)) {
    const byNs: Record<string, Record<string, unknown>> = {};
    resources[tag] = byNs;
    for (const [ns, text] of Object.entries(namespaces)) {
      const file = `locales/${tag}/${ns}.json`;
      const data = parseJson(file, text, issues);
      if (data === null || typeof data !== 'object' || Array.isArray(data)) {
        if (data !== undefined) issues.push({ file, message: 'expected a JSON object' });
      } else byNs[ns] = data as Record<string, unknown>;
    }
  }
  if (issues.length > 0 || !app || !languages.success) return { content: null, issues };
  const data = source.data ?? {};
  return {
    content: { app, flows, files, languages: languages.data.languages, staffNamespaces: languages.data.staff, resources, data },
    issues,
  };
}

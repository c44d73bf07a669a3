/**
 * A translator's XLIFF back into `locales/<tag>/*.json` and the review record. All or nothing: the
 * new texts must pass the same checks as `npm run check:flows` (placeholders kept whole, only the
 * HTML Telegram takes, the English links, button lengths), or nothing is written.
 */
import { formatIssue, loadContent, type Content, type ContentSource } from '../flow/content.js';
import { SOURCE_LANGUAGE } from '../flow/check-locale-index.js';
import { validateContent } from '../flow/validate.js';
import { formatSidecar, parseSidecar, record, reviewFile, type ReviewEntry } from './review.js';
import { translatableStrings, type TranslatableString } from './strings.js';
import { readXliff, type XliffUnitIn } from './xliff.js';

export interface ImportOutcome {
  tag: string;
  /** Files to write, path -> text: only those that change. */
  writes: Record<string, string>;
  /** Strings whose text changed. */
  changed: string[];
  /** Strings now recorded as reviewed that were not. */
  reviewed: string[];
  /** Strings recorded as reviewed before and now draft again. */
  unreviewed: string[];
  /** Units read but not imported, and other notices; none of them stops the import. */
  warnings: string[];
}

export type ImportResult = { ok: true; outcome: ImportOutcome } | { ok: false; problems: string[] };

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * `obj` with the text at `path` set, keeping the order of the keys already there and putting a new
 * key where the English file has it.
 */
function withText(obj: Json, english: Json, path: readonly string[], value: string): Json {
  const [head, ...rest] = path;
  if (head === undefined) return obj;
  const englishChild = english[head];
  const next = rest.length === 0 ? value : withText(isObject(obj[head]) ? obj[head] : {}, isObject(englishChild) ? englishChild : {}, rest, value);
  if (head in obj) return { ...obj, [head]: next };
  const order = Object.keys(english);
  const at = order.indexOf(head);
  const keys = Object.keys(obj);
  // After the last key that comes before it in English; first when none does.
  let insertAfter = -1;
  keys.forEach((k, i) => {
    const pos = order.indexOf(k);
    if (pos !== -1 && (at === -1 || pos < at)) insertAfter = i;
  });
  const entries = Object.entries(obj);
  entries.splice(insertAfter + 1, 0, [head, next]);
  return Object.fromEntries(entries);
}

/** The key path inside a file: i18next reads `status.approved` as `{ status: { approved } }`. */
const keyPath = (key: string): string[] => key.split('.');

const formatJson = (json: unknown): string => `${JSON.stringify(json, null, 2)}\n`;

/** Issues check:flows would report in one language's files. */
function languageIssues(source: ContentSource, tag: string): { issues: string[]; content: Content | null } {
  const { content, issues } = loadContent(source);
  const all = content ? [...issues, ...validateContent(content)] : issues;
  return { issues: all.filter((i) => i.file.startsWith(`locales/${tag}/`)).map(formatIssue), content };
}

/** check:flows' `locales/ps/about.json: key "intro": ...` as the XLIFF unit id: `about:intro: ... (locales/ps/about.json)`. */
function byKey(issue: string): string {
  const m = /^(locales\/[^/]+\/([^/]+)\.json): key "([^"]+)": ([\s\S]*)$/.exec(issue);
  return m ? `${m[2]}:${m[3]}: ${m[4]} (${m[1]})` : issue;
}

function parseJsonObject(text: string | undefined): Json {
  if (text === undefined) return {};
  const parsed: unknown = JSON.parse(text);
  return isObject(parsed) ? parsed : {};
}

export interface ImportOptions {
  /**
   * Also record every unchanged draft (no record yet, or edited by hand since) as a draft against
   * today's English: from then on a change to the English shows it as stale. Reviewed and stale
   * strings keep their record.
   */
  baseline?: boolean;
}

/** Reads an XLIFF 2.0 file against the repository's content (and the language's review record). */
export function importXliff(source: ContentSource, reviewText: string | undefined, xliff: string, options: ImportOptions = {}): ImportResult {
  let doc;
  try {
    doc = readXliff(xliff);
  } catch (e) {
    return { ok: false, problems: [e instanceof Error ? e.message : String(e)] };
  }
  const tag = doc.trgLang;
  const before = languageIssues(source, tag);
  const content = before.content;
  if (!content) return { ok: false, problems: ['the repository\'s flows or locales do not load: run npm run check:flows'] };
  if (doc.srcLang !== SOURCE_LANGUAGE) return { ok: false, problems: [`the source language is "${doc.srcLang}", not ${SOURCE_LANGUAGE}`] };
  if (tag === SOURCE_LANGUAGE || !content.languages.some((l) => l.tag === tag)) {
    return { ok: false, problems: [`the target language "${tag}" is not a translation listed in locales/languages.json`] };
  }
  const { sidecar, problem } = parseSidecar(reviewText);
  if (problem) return { ok: false, problems: [`${reviewFile(tag)}: ${problem}`] };
  if (doc.problems.length) return { ok: false, problems: doc.problems };

  const strings = translatableStrings(content, tag, sidecar);
  const byId = new Map(strings.map((s) => [s.id, s] as const));
  const outcome: ImportOutcome = { tag, writes: {}, changed: [], reviewed: [], unreviewed: [], warnings: [] };
  const entries = new Map<string, ReviewEntry>(Object.entries(sidecar.strings));
  const texts = new Map<string, Json>();
  const english = new Map<string, Json>();
  const seen = new Set<string>();

  const apply = (unit: XliffUnitIn, s: TranslatableString): void => {
    const text = unit.target ?? '';
    const englishChanged = unit.source !== s.source;
    if (englishChanged) outcome.warnings.push(`${s.id}: the English text changed after this file was exported; imported as a draft, check it against the new English`);
    const wantReviewed = (unit.state === 'reviewed' || unit.state === 'final') && !englishChanged;
    if (text !== s.target) {
      outcome.changed.push(s.id);
      let file = texts.get(s.ns);
      if (!file) {
        file = parseJsonObject(source.locales[tag]?.[s.ns]);
        english.set(s.ns, parseJsonObject(source.locales[SOURCE_LANGUAGE]?.[s.ns]));
      }
      texts.set(s.ns, withText(file, english.get(s.ns) ?? {}, keyPath(s.key), text));
      entries.set(s.id, record(wantReviewed ? 'reviewed' : 'draft', s.source, text));
      if (wantReviewed) outcome.reviewed.push(s.id);
      else if (s.state === 'reviewed') outcome.unreviewed.push(s.id);
    } else if (wantReviewed) {
      if (s.state !== 'reviewed') outcome.reviewed.push(s.id);
      entries.set(s.id, record('reviewed', s.source, text));
    } else if (s.state === 'reviewed') {
      // The file takes the review back (the text is the same).
      outcome.unreviewed.push(s.id);
      entries.set(s.id, record('draft', s.source, text));
    } else if (options.baseline && s.state === 'draft') {
      entries.set(s.id, record('draft', s.source, text));
    }
    // Otherwise the record stands (or its absence: an unrecorded string is a draft): a string whose
    // English changed stays marked so until its text changes or a reviewer passes it.
  };

  for (const unit of doc.units) {
    const s = byId.get(unit.id);
    if (!s) {
      outcome.warnings.push(`${unit.id}: not a string of the current English texts; skipped`);
      continue;
    }
    if (seen.has(unit.id)) return { ok: false, problems: [`${unit.id}: the file has this string twice`] };
    seen.add(unit.id);
    if (unit.target === undefined || unit.target.trim() === '') continue;
    apply(unit, s);
  }

  const next: ContentSource = { ...source, locales: { ...source.locales, [tag]: { ...source.locales[tag] } } };
  for (const [ns, json] of texts) {
    const text = formatJson(json);
    if (text === source.locales[tag]?.[ns]) continue;
    next.locales[tag]![ns] = text;
    outcome.writes[`locales/${tag}/${ns}.json`] = text;
  }
  const known = new Set(before.issues);
  const added = languageIssues(next, tag).issues.filter((i) => !known.has(i));
  if (added.length) return { ok: false, problems: added.map(byKey) };

  const ordered = strings.flatMap((s) => {
    const entry = entries.get(s.id);
    return entry ? [[s.id, entry] as const] : [];
  });
  const review = formatSidecar(ordered);
  if (review !== reviewText && (reviewText !== undefined || ordered.length > 0)) outcome.writes[reviewFile(tag)] = review;
  return { ok: true, outcome };
}

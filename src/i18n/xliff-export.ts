/** One language's strings as an XLIFF 2.0 document for translators' tools. */
import type { Content } from '../flow/content.js';
import { SOURCE_LANGUAGE } from '../flow/check-locale-index.js';
import type { ReviewSidecar } from './review.js';
import { translatableStrings, type TranslatableString } from './strings.js';
import { writeXliff, type SegmentState, type XliffUnitOut } from './xliff.js';

/** Marks a translation whose English text changed since it was recorded. */
export const ENGLISH_CHANGED = 'avrr:english-changed';

const FILE_NOTES = [
  'Codes (placeholders such as {{name}} or {{date, date}}, and bold text) stand for program values and formatting: keep each one, move it where your language needs it, never retype it.',
  'Set a string to "reviewed" (or "final") only when a native speaker has checked it; "translated" keeps it a draft.',
];

function segmentState(s: TranslatableString): { state: SegmentState; subState?: string; note: string } {
  if (s.target === undefined) return { state: 'initial', note: 'not translated yet' };
  if (s.state === 'reviewed') return { state: 'reviewed', note: 'reviewed by a native speaker' };
  if (s.state === 'stale') {
    return { state: 'translated', subState: ENGLISH_CHANGED, note: 'the English text changed after this was translated: check it against the English' };
  }
  return { state: 'translated', note: 'draft: not yet reviewed by a native speaker' };
}

/** The XLIFF text for a language; throws when the tag is the source or not a listed language. */
export function exportXliff(content: Content, tag: string, review: ReviewSidecar): string {
  if (tag === SOURCE_LANGUAGE) throw new Error(`${SOURCE_LANGUAGE} is the source language: there is nothing to translate into it`);
  if (!content.languages.some((l) => l.tag === tag)) {
    throw new Error(`"${tag}" is not in locales/languages.json (${content.languages.map((l) => l.tag).join(' ')})`);
  }
  const files = new Map<string, XliffUnitOut[]>();
  for (const s of translatableStrings(content, tag, review)) {
    const { state, subState, note } = segmentState(s);
    const unit: XliffUnitOut = {
      id: s.id,
      source: s.source,
      ...(s.target === undefined ? {} : { target: s.target }),
      state,
      ...(subState ? { subState } : {}),
      notes: [{ category: 'key', text: s.id }, ...s.where.map((text) => ({ category: 'location', text })), { category: 'review', text: note }],
    };
    let units = files.get(s.ns);
    if (!units) files.set(s.ns, (units = []));
    units.push(unit);
  }
  return writeXliff({
    srcLang: SOURCE_LANGUAGE,
    trgLang: tag,
    files: [...files].map(([ns, units]) => ({ id: ns, original: `locales/${tag}/${ns}.json`, notes: FILE_NOTES, units })),
  });
}

/**
 * Review state per string, kept beside each language's texts in `locales/<tag>/.review.json`
 * (written by `npm run i18n:import`). A state holds only for the texts it was recorded with: each
 * entry keeps a fingerprint of the English text and of the translation, so a later change to either
 * shows, without anyone having to remember to update the file.
 */
import { z } from 'zod';

export const REVIEW_FILE = '.review.json';

/** `locales/<tag>/.review.json`. */
export const reviewFile = (tag: string): string => `locales/${tag}/${REVIEW_FILE}`;

export const recordedStateSchema = z.enum(['draft', 'reviewed']);
export type RecordedState = z.infer<typeof recordedStateSchema>;

const entrySchema = z
  .object({
    /** draft: written or changed without a native speaker's review; reviewed: checked by one. */
    state: recordedStateSchema,
    /** Fingerprint of the English text the state was recorded against. */
    english: z.string().regex(/^[0-9a-f]{1,16}$/),
    /** Fingerprint of the translation the state was recorded for. */
    text: z.string().regex(/^[0-9a-f]{1,16}$/),
  })
  .strict();
export type ReviewEntry = z.infer<typeof entrySchema>;

export const reviewSidecarSchema = z
  .object({
    note: z.string().optional(),
    /** `namespace:key` (the key as written in the file, plural forms included) -> its state. */
    strings: z.record(z.string().regex(/^[a-z][a-z0-9_]*:[A-Za-z0-9_.-]+$/), entrySchema),
  })
  .strict();
export type ReviewSidecar = z.infer<typeof reviewSidecarSchema>;

export const SIDECAR_NOTE =
  'Review state per string, written by `npm run i18n:import`. "reviewed" holds only while the English text and the translation keep the fingerprints recorded here.';

/**
 * What a string's review state is now:
 * - `reviewed`: a native speaker checked this very translation of this very English text;
 * - `stale`: the English text changed since, and the translation did not follow;
 * - `draft`: anything else (never recorded, or the translation changed since it was recorded).
 */
export type ReviewState = RecordedState | 'stale';

/** A short, stable fingerprint of a text (cyrb53: 53 bits, plenty to notice an edit). */
export function fingerprint(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16);
}

/** The state of one string, from its recorded entry and its current English and translated texts. */
export function currentState(entry: ReviewEntry | undefined, english: string, text: string): ReviewState {
  if (!entry || entry.text !== fingerprint(text)) return 'draft';
  if (entry.english !== fingerprint(english)) return 'stale';
  return entry.state;
}

/** The entry to record for a string in a state. */
export function record(state: RecordedState, english: string, text: string): ReviewEntry {
  return { state, english: fingerprint(english), text: fingerprint(text) };
}

/** Reads a sidecar's text; an empty record when there is none. */
export function parseSidecar(text: string | undefined): { sidecar: ReviewSidecar; problem?: string } {
  if (text === undefined) return { sidecar: { strings: {} } };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { sidecar: { strings: {} }, problem: `not valid JSON: ${e instanceof Error ? e.message : String(e)}` };
  }
  const parsed = reviewSidecarSchema.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    return { sidecar: { strings: {} }, problem: `${first?.path.join('.') || 'file'}: ${first?.message ?? 'invalid'}` };
  }
  return { sidecar: parsed.data };
}

/** A sidecar as written to disk: the note first, then one line per string (short diffs), in the given order. */
export function formatSidecar(strings: ReadonlyArray<readonly [string, ReviewEntry]>): string {
  const lines = strings.map(([id, e]) => `    ${JSON.stringify(id)}: { "state": ${JSON.stringify(e.state)}, "english": "${e.english}", "text": "${e.text}" }`);
  return `{\n  "note": ${JSON.stringify(SIDECAR_NOTE)},\n  "strings": {${lines.length ? `\n${lines.join(',\n')}\n  ` : ''}}\n}\n`;
}

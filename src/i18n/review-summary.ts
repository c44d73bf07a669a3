/** How many of a language's strings a native speaker has reviewed, for check:flows and the dashboard. */
import type { Content } from '../flow/content.js';
import type { ReviewSidecar } from './review.js';
import { translatableStrings } from './strings.js';

export interface ReviewCounts {
  /** Translated strings (a missing one counts in none of the states). */
  strings: number;
  reviewed: number;
  draft: number;
  /** The English text changed and the translation did not follow. */
  stale: number;
}

export function reviewCounts(content: Content, tag: string, review: ReviewSidecar): ReviewCounts {
  const counts: ReviewCounts = { strings: 0, reviewed: 0, draft: 0, stale: 0 };
  for (const s of translatableStrings(content, tag, review)) {
    if (s.target === undefined) continue;
    counts.strings += 1;
    counts[s.state] += 1;
  }
  return counts;
}

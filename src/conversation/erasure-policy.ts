/**
 * What erasure keeps, in one place (the person is told exactly this, in `delete:confirm`).
 *
 * Everything the person told us, what staff wrote about them, and the link to their chat go,
 * except for a return already being organised: an application approved or with travel booked keeps
 * the few fields the journey needs, and stays linked to the chat, until the case is closed. Every
 * case keeps its categories (kind, queue, outcome, countries, language, dates) for the counts,
 * with nothing left that points to the person.
 */
import type { CaseStatus } from './case-model.js';

/** Statuses in which a journey is being organised: erasing would strand the person mid-way. */
export const JOURNEY_STATUSES: readonly CaseStatus[] = ['approved', 'travel_booked'];

/** The personal fields such a case keeps (encrypted), and nothing else of the person's answers. */
export const KEPT_FOR_JOURNEY: readonly string[] = ['given_names', 'family_name', 'date_of_birth', 'phone'];

export function keptForJourney(c: { kind: string; status: CaseStatus }): boolean {
  return c.kind === 'application' && JOURNEY_STATUSES.includes(c.status);
}

export interface ErasureResult {
  /** Cases whose personal data went. */
  erased: string[];
  /** Cases kept for a journey (only KEPT_FOR_JOURNEY remains). */
  kept: string[];
}

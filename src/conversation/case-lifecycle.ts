/**
 * Which case statuses count as open, and the one lookup the Slack thread needs that the shared
 * `CaseStore` port does not name: finding a case by its card.
 */
import type { CaseStatus, CaseView } from './ports.js';

/** Statuses in which a case is still being worked on: it is in a queue and a live line may be open. */
export const openStatuses: readonly CaseStatus[] = ['submitted', 'in_review', 'documents_requested', 'approved', 'travel_booked'];

export function isOpenStatus(status: CaseStatus): boolean {
  return openStatuses.includes(status);
}

/** Finds a case by the Slack message that is its card (the thread a reply was posted in). */
export interface CaseThreads {
  bySlackThread(channel: string, ts: string): Promise<CaseView | null>;
}

/**
 * The case model, in one place: the kinds, queues and statuses of a case, the moves between
 * statuses, and who may do what to a case. The bot, the counsellors' tools and the dashboard all
 * decide with these tables, so a rule changes in one line and holds everywhere.
 */

export const caseKinds = ['application', 'protection', 'question'] as const;
export type CaseKind = (typeof caseKinds)[number];

export const caseQueues = ['protection', 'avrr', 'general'] as const;
export type CaseQueue = (typeof caseQueues)[number];

export const caseStatuses = [
  'submitted',
  'in_review',
  'documents_requested',
  'approved',
  'travel_booked',
  'departed',
  'closed',
  'withdrawn',
  'rejected',
  'referred',
] as const;
export type CaseStatus = (typeof caseStatuses)[number];

/** Statuses in which a case is still being worked on: it is in a queue and a live line may be open. */
export const openStatuses: readonly CaseStatus[] = ['submitted', 'in_review', 'documents_requested', 'approved', 'travel_booked'];

export function isOpenStatus(status: CaseStatus): boolean {
  return openStatuses.includes(status);
}

/**
 * Statuses in which the person and the counsellor holding the case write to each other. After
 * departure the line stays until the case is closed: the person is told they can still write here
 * for help after arrival, and a counsellor can still pick the case up to answer.
 */
export const liveLineStatuses: readonly CaseStatus[] = [...openStatuses, 'departed'];

export function hasLiveLine(status: CaseStatus): boolean {
  return liveLineStatuses.includes(status);
}

/** "Voluntary" means the person may withdraw at any time until departure. */
export const withdrawableStatuses: readonly CaseStatus[] = openStatuses;

/**
 * The moves between statuses. Forward moves are free while a case is open; an ended case can only
 * be reopened (to `in_review`), which needs a coordinator (see `may`).
 */
export const transitions: Readonly<Record<CaseStatus, readonly CaseStatus[]>> = {
  submitted: ['in_review', 'documents_requested', 'approved', 'rejected', 'referred', 'closed', 'withdrawn'],
  in_review: ['documents_requested', 'approved', 'rejected', 'referred', 'closed', 'withdrawn'],
  documents_requested: ['in_review', 'approved', 'rejected', 'referred', 'closed', 'withdrawn'],
  approved: ['in_review', 'documents_requested', 'travel_booked', 'rejected', 'closed', 'withdrawn'],
  travel_booked: ['approved', 'departed', 'closed', 'withdrawn'],
  departed: ['closed'],
  closed: ['in_review'],
  withdrawn: ['in_review'],
  rejected: ['in_review'],
  referred: ['in_review', 'closed'],
};

export function canMove(from: CaseStatus, to: CaseStatus): boolean {
  return transitions[from].includes(to);
}

/** A move out of an ended status back into the queue. */
export function isReopening(from: CaseStatus, to: CaseStatus): boolean {
  return !isOpenStatus(from) && isOpenStatus(to);
}

export function parseStatus(value: string): CaseStatus | null {
  return caseStatuses.find((s) => s === value) ?? null;
}

// ---- Who may do what ------------------------------------------------------------------------

/** Staff roles nest: an admin can do what a coordinator can, who can do what a counsellor can. */
export const roles = ['counsellor', 'coordinator', 'admin'] as const;
export type Role = (typeof roles)[number];

const rank: Record<Role, number> = { counsellor: 1, coordinator: 2, admin: 3 };

export function atLeast(role: Role, minimum: Role): boolean {
  return rank[role] >= rank[minimum];
}

/** A member of staff acting on a case, whatever tool they use. */
export interface Staff {
  /** The id their actions are recorded under (`user:<uuid>`). */
  id: string;
  /** What the timeline shows (an email). */
  name: string;
  role: Role;
  /** Marked for protection work: may pick up protection-queue cases. */
  protection: boolean;
  /** Every id a case may carry as its assignee when it is theirs (their own, and a linked tool's). */
  actorIds: readonly string[];
}

export type CaseAction =
  | 'view'
  | 'claim'
  | 'assign'
  | 'change_status'
  | 'send_template'
  | 'write_to_person'
  | 'add_note'
  /** What is arranged for the person: appointments and attendance, documents, travel details. */
  | 'arrange';

export type Refusal = 'not_allowed' | 'not_assignee' | 'protection_only' | 'coordinator_only';

/** What a permission check needs of a case. */
export interface CaseFacts {
  assignee: string | null;
  queue: CaseQueue;
  status: CaseStatus;
}

export function holds(staff: Staff, facts: Pick<CaseFacts, 'assignee'>): boolean {
  return facts.assignee !== null && staff.actorIds.includes(facts.assignee);
}

/**
 * May `staff` do `action` to a case? Null when yes, else why not. Counsellors work their own cases;
 * coordinators and admins work all. Protection cases are picked up only by staff marked for
 * protection work, or by coordinators.
 */
export function refusal(staff: Staff, action: CaseAction, facts: CaseFacts): Refusal | null {
  const coordinator = atLeast(staff.role, 'coordinator');
  switch (action) {
    case 'view':
    case 'change_status':
    case 'send_template':
    case 'write_to_person':
    case 'add_note':
    case 'arrange':
      return coordinator || holds(staff, facts) ? null : 'not_assignee';
    case 'claim':
      if (facts.queue === 'protection' && !coordinator && !staff.protection) return 'protection_only';
      return null;
    case 'assign':
      return coordinator ? null : 'coordinator_only';
    default: {
      const never: never = action;
      return never;
    }
  }
}

/** A status change needs the right to change status, and reopening an ended case needs a coordinator. */
export function statusRefusal(staff: Staff, facts: CaseFacts, to: CaseStatus): Refusal | null {
  const basic = refusal(staff, 'change_status', facts);
  if (basic) return basic;
  if (isReopening(facts.status, to) && !atLeast(staff.role, 'coordinator')) return 'coordinator_only';
  return null;
}

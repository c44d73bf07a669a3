/**
 * What the signed-in user may see and do on each page, decided here (from roles.ts and sla.ts) and
 * handed to the views as plain answers: `canAssign`, `sla`, the sections of the menu. Views never
 * look at a role or a clock, so who may do what lives in one place.
 */
import { hasLiveLine, type CaseDetail, type QueueRow, type Role, type User } from './ports.js';
import { actorIds, actorName, atLeast, canOpenCase } from './roles.js';
import { slaState, waited, type SlaState, type Waited } from './sla.js';
import type { Section } from './views/layout.js';

/** The menu, in order, and the least role that sees each entry (the routes' guards say the same). */
const SECTIONS: ReadonlyArray<readonly [Exclude<Section, 'none'>, Role]> = [
  ['queue', 'counsellor'],
  ['appointments', 'counsellor'],
  ['stats', 'coordinator'],
  ['followup', 'coordinator'],
  ['lists', 'coordinator'],
  ['translations', 'coordinator'],
  ['users', 'admin'],
  ['audit', 'admin'],
  ['settings', 'admin'],
];

export function sectionsFor(user: User): Array<Exclude<Section, 'none'>> {
  return SECTIONS.filter(([, role]) => atLeast(user, role)).map(([section]) => section);
}

/** Turns stored actor ids (`user:<id>`, `slack:U1`) into what pages show, for one page's users. */
export function namesOf(users: readonly User[]): (actorId: string | null) => string {
  return (actorId) => actorName(actorId, users);
}

/** A queue row and what the user may do with it. */
export interface QueueLine {
  row: QueueRow;
  /** The reference links to the case page. */
  canOpen: boolean;
  /** Unassigned and open: a claim button instead of a name. */
  canClaim: boolean;
  /** Who has it, as shown; null when nobody. */
  assignee: string | null;
  sla: SlaState;
  waited: Waited;
}

export function queueLines(user: User, rows: readonly QueueRow[], users: readonly User[], now: Date): QueueLine[] {
  return rows.map((row) => ({
    row,
    canOpen: canOpenCase(user, row),
    canClaim: row.assignee === null && hasLiveLine(row.status),
    assignee: row.assignee ? actorName(row.assignee, users) : null,
    sla: slaState(row, now),
    waited: waited(row.createdAt, now),
  }));
}

/** The CSV of the queue: coordinators and admins. */
export function canExport(user: User): boolean {
  return atLeast(user, 'coordinator');
}

export interface CaseDecisions {
  canClaim: boolean;
  canAssign: boolean;
  /** The case workflow is there to change statuses (and tell the person). */
  canChangeStatus: boolean;
  sla: SlaState;
}

export function caseDecisions(user: User, detail: CaseDetail, now: Date, workflowReady: boolean): CaseDecisions {
  return {
    canClaim: !detail.assignee && hasLiveLine(detail.status),
    canAssign: atLeast(user, 'coordinator'),
    canChangeStatus: workflowReady,
    sla: slaState(detail, now),
  };
}

export interface AssignOption {
  id: string;
  email: string;
  /** The case's assignee, under either of their ids (dashboard or Slack). */
  selected: boolean;
}

/** The enabled users a case can be assigned to. */
export function assignOptions(detail: Pick<CaseDetail, 'assignee'>, users: readonly User[]): AssignOption[] {
  return users
    .filter((u) => u.disabledAt === null)
    .map((u) => ({ id: u.id, email: u.email, selected: detail.assignee !== null && actorIds(u).includes(detail.assignee) }));
}

/** A user on the users page and what the admin may change. */
export interface UserLine {
  user: User;
  /** Role, Slack id, switching off: not on one's own account (nobody locks themselves out). */
  canEdit: boolean;
  canIssueLink: boolean;
}

export function userLines(admin: User, users: readonly User[]): UserLine[] {
  return users.map((u) => ({ user: u, canEdit: u.id !== admin.id, canIssueLink: u.disabledAt === null }));
}

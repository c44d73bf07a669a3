/**
 * Dashboard users as the case model sees them. Who may do what is decided in one place,
 * `src/conversation/case-model.ts`; this file only turns a signed-in user into staff.
 */
import { atLeast as roleAtLeast, refusal, type Role, type Staff } from '../conversation/case-model.js';
import type { Actor } from '../conversation/case-workflow.js';
import type { QueueRow, User } from './ports.js';

export function atLeast(user: User, role: Role): boolean {
  return roleAtLeast(user.role, role);
}

/** The ids a user's claims and assignments carry: their dashboard id, and their Slack id when linked. */
export function actorIds(user: User): string[] {
  return [`user:${user.id}`, ...(user.slackUserId ? [`slack:${user.slackUserId}`] : [])];
}

/**
 * How the user appears on a case they act on. A user linked to Slack acts under the Slack id, so a
 * case claimed in either tool counts as theirs in both.
 */
export function actorOf(user: User): Actor {
  return { id: user.slackUserId ? `slack:${user.slackUserId}` : `user:${user.id}`, name: user.email };
}

/** The user as the case workflow sees them. */
export function staffOf(user: User): Staff {
  return { ...actorOf(user), role: user.role, protection: user.protection, actorIds: actorIds(user) };
}

/** Counsellors open their own cases; coordinators and admins open all. */
export function canOpenCase(user: User, row: Pick<QueueRow, 'assignee' | 'queue' | 'status'>): boolean {
  return refusal(staffOf(user), 'view', row) === null;
}

/** Turns a stored actor id (`user:<id>`, `slack:U1`, `migrant`) into what the page shows. */
export function actorName(id: string | null, users: readonly User[]): string {
  if (id === null || id === '') return '';
  if (id.startsWith('user:')) return users.find((u) => u.id === id.slice(5))?.email ?? id;
  if (id.startsWith('slack:')) {
    const user = users.find((u) => u.slackUserId === id.slice(6));
    return user ? `${user.email} (Slack)` : id;
  }
  return id;
}

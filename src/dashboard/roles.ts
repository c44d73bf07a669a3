/** Who may do what. Roles nest: an admin can do what a coordinator can, who can do what a counsellor can. */
import type { Actor } from '../conversation/case-workflow.js';
import type { QueueRow, Role, User } from './ports.js';

const rank: Record<Role, number> = { counsellor: 1, coordinator: 2, admin: 3 };

export function atLeast(user: User, role: Role): boolean {
  return rank[user.role] >= rank[role];
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

/** Counsellors open their own cases; coordinators and admins open all. */
export function canOpenCase(user: User, row: Pick<QueueRow, 'assignee'>): boolean {
  return atLeast(user, 'coordinator') || (row.assignee !== null && actorIds(user).includes(row.assignee));
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

/**
 * Audit entries: who did what. An action done in a session that came from a link someone else issued
 * (an admin, the CLI) carries that issuer, so a session opened with another person's link is never
 * mistaken for that person acting alone (security review M4).
 */
import type { AuditEntry, SessionInfo } from './ports.js';

/** A signed-in user with their session's link issuer, or a named non-user actor (`cli`, `startup`, `slack`). */
export type AuditActor = Pick<SessionInfo, 'user' | 'linkIssuedBy'> | { actor: string };

/** The data key, and the audit page's sentence, for "signed in via a link issued by X". */
export const LINK_ISSUED_BY = 'link_issued_by';

export function auditEntry(by: AuditActor, action: string, target: string | null, data: AuditEntry['data'] = {}): AuditEntry {
  if (!('user' in by)) return { actorId: null, actor: by.actor, action, target, data };
  return { actorId: by.user.id, actor: by.user.email, action, target, data: by.linkIssuedBy ? { ...data, [LINK_ISSUED_BY]: by.linkIssuedBy } : data };
}

/** How a link records its issuer: `user:<id>` for a dashboard user, else the actor's name. */
export function issuerId(by: AuditActor): string {
  return 'user' in by ? `user:${by.user.id}` : by.actor;
}

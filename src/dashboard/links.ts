/**
 * One-time sign-in links: a random token in the URL, only its hash in the database. Each link
 * records who issued it; a new link for a user revokes their earlier unused ones; a session opened
 * with a link someone else issued remembers that issuer (see audit.ts).
 */
import { z } from 'zod';
import type { Env } from '../env.js';
import { auditEntry, issuerId, type AuditActor } from './audit.js';
import { href } from './paths.js';
import type { AuditStore, AuthStore, Role, User } from './ports.js';
import { randomToken, sha256Hex } from './security.js';

export interface LinkDeps {
  env: Pick<Env, 'PUBLIC_URL' | 'PORT' | 'LOGIN_LINK_MINUTES'>;
  auth: AuthStore;
  audit: AuditStore;
  now: () => Date;
}

/** The issuer of a link delivered privately to the person it signs in (Slack's `/avrr login` DM). */
const SELF = 'self:';

/** Where links point: PUBLIC_URL, or this machine when it is not set (development). */
export function publicBase(env: LinkDeps['env']): string {
  const base = env.PUBLIC_URL ?? `http://localhost:${env.PORT}`;
  return base.endsWith('/') ? base : `${base}/`;
}

/**
 * Stores a new link for `target` (null: the first admin's), revoking their earlier unused links,
 * audit-logs who issued it for whom, and returns its URL. `toThemselves`: it goes privately to the
 * person it signs in, so their session is their own.
 */
export async function issueLink(deps: LinkDeps, target: User | null, by: AuditActor, options: { toThemselves?: boolean } = {}): Promise<string> {
  const token = randomToken();
  const at = deps.now();
  const expiresAt = new Date(at.getTime() + deps.env.LOGIN_LINK_MINUTES * 60_000);
  const issuedBy = options.toThemselves ? `${SELF}${issuerId(by)}` : issuerId(by);
  const { revoked } = await deps.auth.issueToken({ tokenHash: await sha256Hex(token), userId: target?.id ?? null, expiresAt, issuedBy }, at);
  const entry = target
    ? auditEntry(by, 'user.sign_in_link', `user:${target.id}`, { email: target.email, revoked, ...(options.toThemselves ? { to_themselves: true } : {}) })
    : auditEntry(by, 'user.first_admin_link', null, { minutes: deps.env.LOGIN_LINK_MINUTES, revoked });
  await deps.audit.record(entry, at);
  return new URL(href('/login', token).slice(1), publicBase(deps.env)).toString();
}

/** Creates the user if needed (or changes the role), audit-logs it and returns a sign-in link for them. */
export async function addUser(deps: LinkDeps, input: { email: string; role: Role }, by: AuditActor | string): Promise<{ user: User; created: boolean; link: string }> {
  const actor = typeof by === 'string' ? { actor: by } : by;
  const { user, created } = await deps.auth.upsertUser(input, deps.now());
  await deps.audit.record(auditEntry(actor, created ? 'user.create' : 'user.update', `user:${user.id}`, { email: user.email, role: user.role }), deps.now());
  return { user, created, link: await issueLink(deps, user, actor) };
}

/**
 * What a session opened with a link records as the link's issuer: null when the link was the user's
 * own (issued by themselves, delivered privately to them, or the first admin's, which names its own
 * user); otherwise the issuer as the audit log shows people (an admin's email, `cli`).
 */
export async function sessionIssuer(auth: AuthStore, issuedBy: string, user: User): Promise<string | null> {
  if (issuedBy.startsWith(SELF) || issuedBy === `user:${user.id}`) return null;
  const id = z.uuid().safeParse(issuedBy.startsWith('user:') ? issuedBy.slice(5) : '');
  if (!id.success) return issuedBy;
  return (await auth.userById(id.data))?.email ?? issuedBy;
}

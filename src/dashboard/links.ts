/** One-time sign-in links: a random token in the URL, only its hash in the database. */
import type { Env } from '../env.js';
import { href } from './paths.js';
import type { AuditStore, AuthStore, Role, User } from './ports.js';
import { randomToken, sha256Hex } from './security.js';

export interface LinkDeps {
  env: Pick<Env, 'PUBLIC_URL' | 'PORT' | 'LOGIN_LINK_MINUTES'>;
  auth: AuthStore;
  audit: AuditStore;
  now: () => Date;
}

/** Where links point: PUBLIC_URL, or this machine when it is not set (development). */
export function publicBase(env: LinkDeps['env']): string {
  const base = env.PUBLIC_URL ?? `http://localhost:${env.PORT}`;
  return base.endsWith('/') ? base : `${base}/`;
}

/** Stores a new link for `userId` (null: the first admin's) and returns its URL. */
export async function issueLink(deps: LinkDeps, userId: string | null, issuedBy: string): Promise<string> {
  const token = randomToken();
  const expiresAt = new Date(deps.now().getTime() + deps.env.LOGIN_LINK_MINUTES * 60_000);
  await deps.auth.issueToken({ tokenHash: await sha256Hex(token), userId, expiresAt, issuedBy });
  return new URL(href('/login', token).slice(1), publicBase(deps.env)).toString();
}

/** Creates the user if needed (or changes the role), audit-logs it and returns a sign-in link. */
export async function addUser(deps: LinkDeps, input: { email: string; role: Role }, issuedBy: string): Promise<{ user: User; created: boolean; link: string }> {
  const { user, created } = await deps.auth.upsertUser(input, deps.now());
  await deps.audit.record(
    { actorId: null, actor: issuedBy, action: created ? 'user.create' : 'user.sign_in_link', target: `user:${user.id}`, data: { email: user.email, role: user.role } },
    deps.now(),
  );
  return { user, created, link: await issueLink(deps, user.id, issuedBy) };
}

/** AuthStore on drizzle: staff, one-time sign-in links and sessions (ids and tokens arrive hashed). */
import { and, asc, eq, gt, isNull, lt, or, type SQL } from 'drizzle-orm';
import { roles, type AuthStore, type Role, type User } from '../dashboard/ports.js';
import type { Db } from './client.js';
import { adminSessions, loginTokens, users, type UserRow } from './schema.js';

function toRole(value: string): Role {
  const role = roles.find((r) => r === value);
  if (!role) throw new Error(`database: unknown role "${value}"`);
  return role;
}

function toUser(row: UserRow): User {
  return {
    id: row.id,
    email: row.email,
    role: toRole(row.role),
    slackUserId: row.slackUserId,
    protection: row.protection,
    createdAt: row.createdAt,
    lastSignInAt: row.lastSignInAt,
    disabledAt: row.disabledAt,
  };
}

const normal = (email: string): string => email.trim().toLowerCase();

export function createAuthStore(db: Db): AuthStore {
  const one = async (where: SQL): Promise<User | null> => {
    const [row] = await db.select().from(users).where(where);
    return row ? toUser(row) : null;
  };
  return {
    userByEmail: (email) => one(eq(users.email, normal(email))),
    userById: (id) => one(eq(users.id, id)),
    userBySlackId: (slackUserId) => one(eq(users.slackUserId, slackUserId)),

    async users() {
      const rows = await db.select().from(users).orderBy(asc(users.email));
      return rows.map(toUser);
    },

    async upsertUser(input, at) {
      const email = normal(input.email);
      return db.transaction(async (tx) => {
        const [existing] = await tx.select().from(users).where(eq(users.email, email)).for('update');
        if (existing) {
          const patch: Partial<typeof users.$inferInsert> = {};
          if (existing.role !== input.role) patch.role = input.role;
          if (input.slackUserId !== undefined && input.slackUserId !== existing.slackUserId) patch.slackUserId = input.slackUserId;
          if (Object.keys(patch).length === 0) return { user: toUser(existing), created: false };
          const [row] = await tx
            .update(users)
            .set({ ...patch, updatedAt: at })
            .where(eq(users.id, existing.id))
            .returning();
          return { user: toUser(row ?? existing), created: false };
        }
        const [row] = await tx
          .insert(users)
          .values({ email, role: input.role, slackUserId: input.slackUserId ?? null, createdAt: at, updatedAt: at })
          .returning();
        if (!row) throw new Error('upsertUser: insert returned nothing');
        return { user: toUser(row), created: true };
      });
    },

    async updateUser(id, patch, at) {
      const values: Partial<typeof users.$inferInsert> = { updatedAt: at };
      if (patch.role !== undefined) values.role = patch.role;
      if (patch.slackUserId !== undefined) values.slackUserId = patch.slackUserId;
      if (patch.protection !== undefined) values.protection = patch.protection;
      if (patch.disabled !== undefined) values.disabledAt = patch.disabled ? at : null;
      const [row] = await db.update(users).set(values).where(eq(users.id, id)).returning();
      return row ? toUser(row) : null;
    },

    async hasAdmin() {
      const [row] = await db
        .select({ id: users.id })
        .from(users)
        .where(and(eq(users.role, 'admin'), isNull(users.disabledAt)))
        .limit(1);
      return row !== undefined;
    },

    async issueToken(input, at) {
      return db.transaction(async (tx) => {
        // A new link replaces the ones before it: a link handed out earlier and forgotten (or
        // copied by someone) stops working.
        const earlier = input.userId === null ? isNull(loginTokens.userId) : eq(loginTokens.userId, input.userId);
        const revoked = await tx
          .delete(loginTokens)
          .where(and(earlier, isNull(loginTokens.usedAt)))
          .returning({ tokenHash: loginTokens.tokenHash });
        await tx.insert(loginTokens).values({ ...input, createdAt: at });
        return { revoked: revoked.length };
      });
    },

    async peekToken(tokenHash, now) {
      const [row] = await db
        .select({ token: loginTokens, user: users })
        .from(loginTokens)
        .leftJoin(users, eq(users.id, loginTokens.userId))
        .where(and(eq(loginTokens.tokenHash, tokenHash), isNull(loginTokens.usedAt), gt(loginTokens.expiresAt, now)));
      if (!row) return null;
      if (row.token.userId === null) return { user: null };
      if (!row.user || row.user.disabledAt !== null) return null;
      return { user: toUser(row.user) };
    },

    async consumeToken(tokenHash, now) {
      // One UPDATE decides: a second, concurrent use finds used_at already set and gets nothing.
      const [row] = await db
        .update(loginTokens)
        .set({ usedAt: now })
        .where(and(eq(loginTokens.tokenHash, tokenHash), isNull(loginTokens.usedAt), gt(loginTokens.expiresAt, now)))
        .returning({ userId: loginTokens.userId, issuedBy: loginTokens.issuedBy });
      return row ?? null;
    },

    async createSession(input, now) {
      await db.insert(adminSessions).values({ ...input, createdAt: now });
      await db.update(users).set({ lastSignInAt: now }).where(eq(users.id, input.userId));
    },

    async session(idHash, now) {
      const [row] = await db
        .select({ session: adminSessions, user: users })
        .from(adminSessions)
        .innerJoin(users, eq(users.id, adminSessions.userId))
        .where(and(eq(adminSessions.idHash, idHash), gt(adminSessions.expiresAt, now), isNull(users.disabledAt)));
      return row ? { user: toUser(row.user), csrf: row.session.csrf, expiresAt: row.session.expiresAt, linkIssuedBy: row.session.linkIssuedBy } : null;
    },

    async deleteSession(idHash) {
      await db.delete(adminSessions).where(eq(adminSessions.idHash, idHash));
    },

    async deleteSessionsOf(userId) {
      await db.delete(adminSessions).where(eq(adminSessions.userId, userId));
    },

    async purge(now) {
      await db.delete(adminSessions).where(lt(adminSessions.expiresAt, now));
      // Used links are kept a day for the audit trail's sake, then go.
      const dayAgo = new Date(now.getTime() - 24 * 3_600_000);
      await db.delete(loginTokens).where(or(lt(loginTokens.expiresAt, dayAgo), lt(loginTokens.usedAt, dayAgo)));
    },
  };
}

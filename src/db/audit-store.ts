/** AuditStore on drizzle: an append-only log of who viewed or changed what. */
import { and, asc, count, desc, eq, ilike, type SQL } from 'drizzle-orm';
import type { AuditStore } from '../dashboard/ports.js';
import type { Db } from './client.js';
import { auditLog } from './schema.js';

export function createAuditStore(db: Db): AuditStore {
  return {
    async record(entry, at) {
      await db.insert(auditLog).values({ ...entry, at });
    },

    async list(query) {
      const conditions: SQL[] = [];
      if (query.action) conditions.push(eq(auditLog.action, query.action));
      if (query.actor) conditions.push(ilike(auditLog.actor, `%${escapeLike(query.actor)}%`));
      if (query.target) conditions.push(eq(auditLog.target, query.target));
      const where = conditions.length ? and(...conditions) : undefined;
      const [total] = await db.select({ n: count() }).from(auditLog).where(where);
      const rows = await db.select().from(auditLog).where(where).orderBy(desc(auditLog.id)).offset(query.offset).limit(query.limit);
      return { rows, total: total?.n ?? 0 };
    },

    async actions() {
      const rows = await db.selectDistinct({ action: auditLog.action }).from(auditLog).orderBy(asc(auditLog.action));
      return rows.map((r) => r.action);
    },
  };
}

/** Escapes LIKE wildcards so a search for `a_b` finds exactly that. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

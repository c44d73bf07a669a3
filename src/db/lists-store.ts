/** ListsStore on drizzle: the versioned destinations list and the services directory. */
import { asc, count, desc, eq } from 'drizzle-orm';
import type { DestinationList, ListsStore, ServiceEntry } from '../dashboard/ports.js';
import type { Db } from './client.js';
import { destinationLists, servicesDirectory, type ServiceRow } from './schema.js';

function toService(row: ServiceRow): ServiceEntry {
  return {
    id: row.id,
    country: row.country,
    municipality: row.municipality,
    name: row.name,
    topic: row.topic,
    what: row.what,
    contact: row.contact,
    verified: row.verified,
    updatedBy: row.updatedBy,
    updatedAt: row.updatedAt,
  };
}

export function createListsStore(db: Db): ListsStore {
  return {
    async destinations() {
      const [row] = await db.select().from(destinationLists).orderBy(desc(destinationLists.version)).limit(1);
      return row ?? null;
    },

    async destinationHistory(limit) {
      return db.select().from(destinationLists).orderBy(desc(destinationLists.version)).limit(limit);
    },

    async saveDestinations(entries, basedOn, change, changedBy, at): Promise<DestinationList | null> {
      const sorted = [...entries].sort((a, b) => a.country.localeCompare(b.country));
      return db.transaction(async (tx) => {
        const [newest] = await tx.select({ version: destinationLists.version }).from(destinationLists).orderBy(desc(destinationLists.version)).limit(1);
        if ((newest?.version ?? 0) !== basedOn) return null;
        // The version is the primary key: of two saves based on the same version, the second
        // insert conflicts and writes nothing, so no change is silently lost.
        const [row] = await tx
          .insert(destinationLists)
          .values({ version: basedOn + 1, entries: sorted, change, changedBy, createdAt: at })
          .onConflictDoNothing()
          .returning();
        return row ?? null;
      });
    },

    async services() {
      const rows = await db
        .select()
        .from(servicesDirectory)
        .orderBy(asc(servicesDirectory.country), asc(servicesDirectory.municipality), asc(servicesDirectory.name));
      return rows.map(toService);
    },

    async seedServices(entries, by, at) {
      return db.transaction(async (tx) => {
        const [existing] = await tx.select({ n: count() }).from(servicesDirectory);
        if ((existing?.n ?? 0) > 0 || entries.length === 0) return false;
        await tx.insert(servicesDirectory).values(entries.map((e) => ({ ...e, updatedBy: by, createdAt: at, updatedAt: at })));
        return true;
      });
    },

    async saveService(id, input, by, at) {
      if (id === null) {
        const [row] = await db
          .insert(servicesDirectory)
          .values({ ...input, updatedBy: by, createdAt: at, updatedAt: at })
          .returning();
        return row ? toService(row) : null;
      }
      const [row] = await db
        .update(servicesDirectory)
        .set({ ...input, updatedBy: by, updatedAt: at })
        .where(eq(servicesDirectory.id, id))
        .returning();
      return row ? toService(row) : null;
    },

    async deleteService(id) {
      const rows = await db.delete(servicesDirectory).where(eq(servicesDirectory.id, id)).returning({ id: servicesDirectory.id });
      return rows.length > 0;
    },
  };
}

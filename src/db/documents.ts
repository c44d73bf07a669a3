/** The documents checklist on drizzle, inside a person's transaction and outside it. */
import { and, eq, inArray } from 'drizzle-orm';
import { documentItems, documentStatuses, inCatalogOrder, type DocumentLine, type DocumentStore, type DocumentsTx } from '../conversation/documents.js';
import { isUuid } from './appointment-rows.js';
import type { Db } from './client.js';
import type { Tx } from './rows.js';
import { caseDocuments, cases, type CaseDocumentRow } from './schema.js';

function toLines(rows: readonly CaseDocumentRow[]): DocumentLine[] {
  return inCatalogOrder(
    rows.flatMap((r) => {
      const item = documentItems.find((i) => i === r.item);
      const status = documentStatuses.find((s) => s === r.status);
      // An item later taken out of the catalog is not shown.
      return item && status ? [{ item, status, updatedBy: r.updatedBy, updatedAt: r.updatedAt }] : [];
    }),
  );
}

export function createDocumentsTx(tx: Tx, contactId: string, now: Date): DocumentsTx {
  async function owned(caseId: string): Promise<void> {
    const [row] = isUuid(caseId) ? await tx.select({ id: cases.id }).from(cases).where(and(eq(cases.id, caseId), eq(cases.contactId, contactId))) : [];
    if (!row) throw new Error(`documents: case ${caseId} is not a case of contact ${contactId}`);
  }
  return {
    async list(caseId) {
      await owned(caseId);
      return toLines(await tx.select().from(caseDocuments).where(eq(caseDocuments.caseId, caseId)));
    },
    async set(caseId, items, by) {
      await owned(caseId);
      const current = await tx.select().from(caseDocuments).where(eq(caseDocuments.caseId, caseId));
      const gone = current.filter((r) => !items.some((i) => i.item === r.item)).map((r) => r.item);
      if (gone.length > 0) await tx.delete(caseDocuments).where(and(eq(caseDocuments.caseId, caseId), inArray(caseDocuments.item, gone)));
      for (const { item, status } of items) {
        const before = current.find((r) => r.item === item);
        // Who ticked an item and when stays as it was while its status does not change.
        if (before?.status === status) continue;
        await tx
          .insert(caseDocuments)
          .values({ caseId, item, status, updatedBy: by, updatedAt: now })
          .onConflictDoUpdate({ target: [caseDocuments.caseId, caseDocuments.item], set: { status, updatedBy: by, updatedAt: now } });
      }
    },
  };
}

export function createDocumentStore(db: Db): DocumentStore {
  return {
    async ofCase(caseId) {
      if (!isUuid(caseId)) return [];
      return toLines(await db.select().from(caseDocuments).where(eq(caseDocuments.caseId, caseId)));
    },
  };
}

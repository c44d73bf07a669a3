/**
 * CaseStore on drizzle: reading cases outside a person's turn (counsellors' tools, the dashboard).
 * Changes go through the person's ContactTx, so they hold the contact's lock.
 */
import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { caseQueues, openStatuses } from '../conversation/case-model.js';
import type { CaseEvent, CaseStore, CaseView } from '../conversation/ports.js';
import type { Db } from './client.js';
import type { Cipher } from './crypto.js';
import { openEventData } from './event-data.js';
import { toCaseRecord } from './rows.js';
import { caseEvents, cases, contacts, type CaseRow, type ContactRow } from './schema.js';

const open = inArray(cases.status, [...openStatuses]);

export function createCaseStore(db: Db, cipher: Cipher): CaseStore {
  async function toView(row: { cases: CaseRow; contacts: ContactRow }): Promise<CaseView> {
    return {
      ...(await toCaseRecord(row.cases, cipher)),
      contact: {
        channel: row.contacts.channel,
        channelUserId: row.contacts.channelUserId,
        reachable: row.contacts.reachable,
        language: row.contacts.language,
        reach: row.contacts.reach,
      },
    };
  }

  const viewsWhere = (where: SQL | undefined) =>
    db.select().from(cases).innerJoin(contacts, eq(contacts.id, cases.contactId)).where(where);

  async function one(where: SQL | undefined): Promise<CaseView | null> {
    const [row] = await viewsWhere(where).limit(1);
    return row ? toView(row) : null;
  }

  return {
    byReference: (reference) => one(eq(cases.reference, reference)),
    byId: (id) => (isUuid(id) ? one(eq(cases.id, id)) : Promise.resolve(null)),

    async events(id): Promise<CaseEvent[]> {
      if (!isUuid(id)) return [];
      const rows = await db.select().from(caseEvents).where(eq(caseEvents.caseId, id)).orderBy(asc(caseEvents.id));
      return Promise.all(rows.map(async (r) => ({ kind: r.kind, actor: r.actor, data: await openEventData(cipher, r.data, id), at: r.at })));
    },

    async assignedTo(assignees) {
      if (assignees.length === 0) return [];
      const rows = await viewsWhere(and(inArray(cases.assignee, [...assignees]), open)).orderBy(desc(cases.createdAt), desc(cases.reference));
      return Promise.all(rows.map(toView));
    },

    async queueCounts() {
      const rows = await db
        .select({
          queue: cases.queue,
          open: sql<number>`count(*)::int`,
          unclaimed: sql<number>`(count(*) filter (where ${cases.assignee} is null))::int`,
          urgent: sql<number>`(count(*) filter (where ${cases.urgent}))::int`,
        })
        .from(cases)
        .where(open)
        .groupBy(cases.queue);
      // Every queue is listed, empty ones with zeros, in a fixed order.
      return caseQueues.map((queue) => {
        const row = rows.find((r) => r.queue === queue);
        return { queue, open: Number(row?.open ?? 0), unclaimed: Number(row?.unclaimed ?? 0), urgent: Number(row?.urgent ?? 0) };
      });
    },
  };
}

/** A malformed id is "not found", not a database error. */
function isUuid(id: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);
}

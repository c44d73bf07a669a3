/**
 * CaseStore on drizzle: case management outside a migrant's turn (Slack, the dashboard). Each
 * change and its timeline event are written in one transaction.
 */
import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { openStatuses, type CaseThreads } from '../conversation/case-lifecycle.js';
import type { CaseEvent, CaseQueue, CaseStore, CaseView } from '../conversation/ports.js';
import type { Db } from './client.js';
import type { Cipher } from './crypto.js';
import { toCaseRecord, toChannel } from './rows.js';
import { caseEvents, cases, contacts, type CaseRow, type ContactRow } from './schema.js';

const QUEUES: readonly CaseQueue[] = ['protection', 'avrr', 'general'];
const open = inArray(cases.status, [...openStatuses]);

export function createCaseStore(db: Db, cipher: Cipher): CaseStore & CaseThreads {
  async function toView(row: { cases: CaseRow; contacts: ContactRow }): Promise<CaseView> {
    return {
      ...(await toCaseRecord(row.cases, cipher)),
      contact: {
        channel: toChannel(row.contacts.channel),
        channelUserId: row.contacts.channelUserId,
        reachable: row.contacts.reachable,
        language: row.contacts.language,
      },
      slackChannel: row.cases.slackChannel,
      slackTs: row.cases.slackTs,
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
    bySlackThread: (channel, ts) => one(and(eq(cases.slackChannel, channel), eq(cases.slackTs, ts))),

    async update(id, patch, event) {
      if (!isUuid(id)) throw new Error(`case update: no case ${id}`);
      await db.transaction(async (tx) => {
        const values: Partial<typeof cases.$inferInsert> = { updatedAt: event.at };
        if (patch.status !== undefined) values.status = patch.status;
        if (patch.assignee !== undefined) values.assignee = patch.assignee;
        if (patch.slackChannel !== undefined) values.slackChannel = patch.slackChannel;
        if (patch.slackTs !== undefined) values.slackTs = patch.slackTs;
        const changed = await tx.update(cases).set(values).where(eq(cases.id, id)).returning({ id: cases.id });
        if (changed.length !== 1) throw new Error(`case update: no case ${id}`);
        await tx.insert(caseEvents).values({ caseId: id, kind: event.kind, actor: event.actor, data: event.data, at: event.at });
      });
      const view = await one(eq(cases.id, id));
      if (!view) throw new Error(`case update: case ${id} vanished`);
      return view;
    },

    async events(id): Promise<CaseEvent[]> {
      if (!isUuid(id)) return [];
      const rows = await db.select().from(caseEvents).where(eq(caseEvents.caseId, id)).orderBy(asc(caseEvents.id));
      return rows.map((r) => ({ kind: r.kind, actor: r.actor, data: r.data, at: r.at }));
    },

    async assignedTo(assignee) {
      const rows = await viewsWhere(and(eq(cases.assignee, assignee), open)).orderBy(desc(cases.createdAt), desc(cases.reference));
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
      return QUEUES.map((queue) => {
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

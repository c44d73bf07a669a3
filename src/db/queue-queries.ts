/** QueueQueries on drizzle: the dashboard's case list, its counts and the CSV rows. No decryption here. */
import { and, asc, count, desc, eq, inArray, isNotNull, isNull, lt, sql, type SQL } from 'drizzle-orm';
import { caseQueues, caseStatuses } from '../conversation/case-model.js';
import { openStatuses, type QueueFilter, type QueueQueries, type QueueRow, type QueueSort } from '../dashboard/ports.js';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Db } from './client.js';
import { cases, contacts } from './schema.js';


/** The case columns every dashboard list and page reads (no personal data). */
export const caseColumns = {
  id: cases.id,
  reference: cases.reference,
  kind: cases.kind,
  queue: cases.queue,
  status: cases.status,
  outcome: cases.outcome,
  urgent: cases.urgent,
  rules: cases.rules,
  route: cases.route,
  rulesVersion: cases.rulesVersion,
  language: cases.language,
  nationality: cases.nationality,
  returnCountry: cases.returnCountry,
  hostCountry: cases.hostCountry,
  channel: contacts.channel,
  assignee: cases.assignee,
  createdAt: cases.createdAt,
  updatedAt: cases.updatedAt,
};

type Selected = Omit<QueueRow, 'queue' | 'status' | 'kind'> & { queue: string; status: string; kind: string };

export function toQueueRow(row: Selected): QueueRow {
  const queue = caseQueues.find((q) => q === row.queue);
  const status = caseStatuses.find((s) => s === row.status);
  const kind = (['application', 'protection', 'question'] as const).find((k) => k === row.kind);
  if (!queue || !status || !kind) throw new Error(`database: case ${row.reference} has an unknown queue, status or kind`);
  return { ...row, queue, status, kind };
}

/** The WHERE clause for a filter; shared by the list, the CSV and the tests. */
export function filterWhere(filter: QueueFilter): SQL | undefined {
  const c: SQL[] = [];
  const status = filter.status ?? 'open';
  if (status === 'open') c.push(inArray(cases.status, [...openStatuses]));
  else if (status !== 'all') c.push(eq(cases.status, status));
  if (filter.queue) c.push(eq(cases.queue, filter.queue));
  if (filter.outcome) c.push(filter.outcome === '-' ? isNull(cases.outcome) : eq(cases.outcome, filter.outcome));
  if (filter.language) c.push(eq(cases.language, filter.language));
  if (filter.nationality) c.push(eq(cases.nationality, filter.nationality));
  if (filter.returnCountry) c.push(eq(cases.returnCountry, filter.returnCountry));
  if (filter.urgent !== undefined) c.push(eq(cases.urgent, filter.urgent));
  if (filter.unassigned) c.push(isNull(cases.assignee));
  if (filter.createdBefore) c.push(lt(cases.createdAt, filter.createdBefore));
  if (filter.assignees) c.push(filter.assignees.length ? inArray(cases.assignee, filter.assignees) : sql`false`);
  return c.length ? and(...c) : undefined;
}

function order(sort: QueueSort): SQL[] {
  switch (sort) {
    case 'priority':
      // Urgent first, then protection, then whoever has waited longest.
      return [desc(cases.urgent), sql`(${cases.queue} = 'protection') desc`, asc(cases.createdAt), asc(cases.reference)];
    case 'oldest':
      return [asc(cases.createdAt), asc(cases.reference)];
    case 'newest':
      return [desc(cases.createdAt), desc(cases.reference)];
    case 'reference':
      return [asc(cases.reference)];
    case 'status':
      return [asc(cases.status), asc(cases.createdAt)];
  }
}

export function createQueueQueries(db: Db): QueueQueries {
  return {
    async list(filter, sort, page) {
      const where = filterWhere(filter);
      const [total] = await db.select({ n: count() }).from(cases).innerJoin(contacts, eq(contacts.id, cases.contactId)).where(where);
      const rows = await db
        .select(caseColumns)
        .from(cases)
        .innerJoin(contacts, eq(contacts.id, cases.contactId))
        .where(where)
        .orderBy(...order(sort))
        .offset(page.offset)
        .limit(page.limit);
      return { rows: rows.map(toQueueRow), total: total?.n ?? 0 };
    },

    async counts(now, slaHours) {
      const cutoff = (q: (typeof caseQueues)[number]): Date => new Date(now.getTime() - slaHours(q) * 3_600_000);
      const late = sql.join(
        caseQueues.map((q) => sql`when ${cases.queue} = ${q} then ${cases.createdAt} < ${cutoff(q).toISOString()}::timestamptz`),
        sql` `,
      );
      const rows = await db
        .select({
          queue: cases.queue,
          open: count(),
          unclaimed: sql<number>`count(*) filter (where ${cases.assignee} is null)`.mapWith(Number),
          urgent: sql<number>`count(*) filter (where ${cases.urgent})`.mapWith(Number),
          overdue: sql<number>`count(*) filter (where ${cases.assignee} is null and (case ${late} else false end))`.mapWith(Number),
        })
        .from(cases)
        .where(inArray(cases.status, [...openStatuses]))
        .groupBy(cases.queue);
      return caseQueues.map((queue) => {
        const row = rows.find((r) => r.queue === queue);
        return { queue, open: row?.open ?? 0, unclaimed: row?.unclaimed ?? 0, urgent: row?.urgent ?? 0, overdue: row?.overdue ?? 0 };
      });
    },

    async facets() {
      const distinct = async (column: AnyPgColumn): Promise<string[]> => {
        const rows = await db.selectDistinct({ v: column }).from(cases).where(isNotNull(column)).orderBy(asc(column));
        return rows.flatMap((r) => (typeof r.v === 'string' ? [r.v] : []));
      };
      return {
        outcomes: await distinct(cases.outcome),
        languages: await distinct(cases.language),
        nationalities: await distinct(cases.nationality),
        returnCountries: await distinct(cases.returnCountry),
      };
    },

    async exportRows(filter, sort) {
      const rows = await db
        .select({ ...caseColumns, answers: cases.answers })
        .from(cases)
        .innerJoin(contacts, eq(contacts.id, cases.contactId))
        .where(filterWhere(filter))
        .orderBy(...order(sort));
      return rows.map((row) => ({ ...toQueueRow(row), answers: row.answers }));
    },
  };
}


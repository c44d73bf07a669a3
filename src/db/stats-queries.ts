/**
 * StatsQueries on drizzle: counts for the statistics page. Cases and contacts are counted in SQL;
 * where a conversation stands is only in its (encrypted) session, so the drop-off per question and
 * the screenings that opened no case are read from the sessions still stored, here, and only counted.
 */
import { and, asc, count, desc, eq, gte, inArray, isNotNull, or, sql } from 'drizzle-orm';
import type { StatsQueries } from '../dashboard/ports.js';
import type { Session } from '../engine/types.js';
import type { Db } from './client.js';
import type { Cipher } from './crypto.js';
import { sealContext } from './sealed.js';
import { openJson } from './rows.js';
import { caseEvents, cases, contacts, sessions } from './schema.js';

/** Timeline events that mean someone picked the case up (Slack's claim, the dashboard's assignment). */
export const CLAIM_EVENTS = ['claimed', 'assigned'];

const SCAN_BATCH = 500;

export function createStatsQueries(db: Db, cipher: Cipher): StatsQueries {
  /** Calls `fn` with every stored session, a batch at a time. */
  const eachSession = async (fn: (state: Session, updatedAt: Date, contactId: string) => void): Promise<void> => {
    let after = '';
    for (;;) {
      const rows = await db
        .select({ contactId: sessions.contactId, stateEnc: sessions.stateEnc, updatedAt: sessions.updatedAt })
        .from(sessions)
        .where(sql`${sessions.contactId}::text > ${after}`)
        .orderBy(sql`${sessions.contactId}::text`)
        .limit(SCAN_BATCH);
      for (const row of rows) fn(await openJson<Session>(cipher, row.stateEnc, sealContext('sessions.state_enc', row.contactId)), row.updatedAt, row.contactId);
      const last = rows.at(-1);
      if (!last || rows.length < SCAN_BATCH) return;
      after = last.contactId;
    }
  };

  const firstClaims = db
    .select({ caseId: caseEvents.caseId, firstAt: sql<Date>`min(${caseEvents.at})`.as('first_at') })
    .from(caseEvents)
    .where(and(inArray(caseEvents.kind, CLAIM_EVENTS), sql`coalesce(${caseEvents.data}->>'assignee', 'x') <> ''`))
    .groupBy(caseEvents.caseId)
    .as('first_claims');

  return {
    async weeklyByOutcome(since) {
      const week = sql<string>`to_char(date_trunc('week', ${cases.createdAt} at time zone 'UTC'), 'YYYY-MM-DD')`;
      const outcome = sql<string>`coalesce(${cases.outcome}, '-')`;
      const rows = await db
        .select({ week, outcome, count: count() })
        .from(cases)
        .where(gte(cases.createdAt, since))
        .groupBy(week, outcome)
        .orderBy(week, outcome);
      return rows;
    },

    async funnel() {
      const [contactsRow] = await db
        .select({
          started: count(),
          consented: sql<number>`count(*) filter (where ${contacts.consent} is not null or exists (select 1 from ${cases} where ${cases.contactId} = ${contacts.id}))`.mapWith(Number),
        })
        .from(contacts);
      const [screenedRow] = await db
        .select({ n: sql<number>`count(distinct ${cases.contactId})`.mapWith(Number) })
        .from(cases)
        .where(isNotNull(cases.outcome));
      const withCase = new Set((await db.selectDistinct({ id: cases.contactId }).from(cases).where(isNotNull(cases.outcome))).map((r) => r.id));
      let screenedOnly = 0;
      await eachSession((state, _at, contactId) => {
        if (typeof state.vars['screening_outcome'] === 'string' && !withCase.has(contactId)) screenedOnly++;
      });
      const applications = eq(cases.kind, 'application');
      const [applied] = await db.select({ n: count() }).from(cases).where(applications);
      const [claimed] = await db
        .select({ n: count() })
        .from(cases)
        .leftJoin(firstClaims, eq(firstClaims.caseId, cases.id))
        .where(and(applications, or(isNotNull(cases.assignee), isNotNull(firstClaims.firstAt))));
      const [departed] = await db
        .select({ n: count() })
        .from(cases)
        .where(
          and(
            applications,
            or(
              eq(cases.status, 'departed'),
              sql`exists (select 1 from ${caseEvents} where ${caseEvents.caseId} = ${cases.id} and ${caseEvents.data}->>'status' = 'departed')`,
            ),
          ),
        );
      return {
        started: contactsRow?.started ?? 0,
        consented: contactsRow?.consented ?? 0,
        screened: (screenedRow?.n ?? 0) + screenedOnly,
        applied: applied?.n ?? 0,
        claimed: claimed?.n ?? 0,
        departed: departed?.n ?? 0,
      };
    },

    async byLanguage() {
      const conversations = await db
        .select({ key: sql<string>`coalesce(${contacts.language}, '-')`, n: count() })
        .from(contacts)
        .groupBy(sql`1`);
      const caseCounts = await db.select({ key: cases.language, n: count() }).from(cases).groupBy(cases.language);
      const keys = [...new Set([...conversations.map((r) => r.key), ...caseCounts.map((r) => r.key)])];
      return keys
        .map((key) => ({
          key,
          conversations: conversations.find((r) => r.key === key)?.n ?? 0,
          cases: caseCounts.find((r) => r.key === key)?.n ?? 0,
        }))
        .sort((a, b) => b.conversations - a.conversations || a.key.localeCompare(b.key));
    },

    async byNationality(limit) {
      const key = sql<string>`coalesce(${cases.nationality}, '-')`;
      return db
        .select({ key, cases: count() })
        .from(cases)
        .groupBy(key)
        .orderBy(desc(count()), asc(key))
        .limit(limit);
    },

    async medianHoursToClaim() {
      const [row] = await db
        .select({
          median: sql<number | null>`percentile_cont(0.5) within group (order by extract(epoch from (${firstClaims.firstAt} - ${cases.createdAt})) / 3600.0)`.mapWith(
            Number,
          ),
        })
        .from(cases)
        .innerJoin(firstClaims, eq(firstClaims.caseId, cases.id));
      const median = row?.median;
      return median === null || median === undefined || Number.isNaN(median) ? null : median;
    },

    async dropOff(idleBefore) {
      const tally = new Map<string, { flow: string; node: string; reached: number; dropped: number }>();
      const bump = (flow: string, node: string, dropped: boolean): void => {
        const key = `${flow}.${node}`;
        let entry = tally.get(key);
        if (!entry) tally.set(key, (entry = { flow, node, reached: 0, dropped: 0 }));
        entry.reached++;
        if (dropped) entry.dropped++;
      };
      await eachSession((state, updatedAt) => {
        const seen = new Set<string>();
        for (const ref of state.history) {
          const key = `${ref.flow}.${ref.node}`;
          if (seen.has(key) || (state.at && key === `${state.at.flow}.${state.at.node}`)) continue;
          seen.add(key);
          bump(ref.flow, ref.node, false);
        }
        if (state.at) bump(state.at.flow, state.at.node, updatedAt < idleBefore);
      });
      return [...tally.values()].sort((a, b) => b.dropped - a.dropped || b.reached - a.reached || `${a.flow}.${a.node}`.localeCompare(`${b.flow}.${b.node}`));
    },
  };
}


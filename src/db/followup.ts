/** Follow-up after return on drizzle: the follow-up of a case, its check-ins, and the statistics. */
import { and, asc, desc, eq, gt, inArray, or, sql } from 'drizzle-orm';
import {
  PROBLEM_ANSWERS,
  questionNames,
  type Checkin,
  type CheckinStatus,
  type Followup,
  type FollowupStatsRow,
  type FollowupStatus,
  type FollowupStore,
  type FollowupTx,
} from '../conversation/followup.js';
import { isUuid } from './appointment-rows.js';
import type { Db } from './client.js';
import type { Tx } from './rows.js';
import { cases, followupCheckins, followups, type CheckinRow, type FollowupRow } from './schema.js';

const FOLLOWUP_STATUSES: readonly FollowupStatus[] = ['waiting', 'active', 'declined', 'stopped', 'stopped_unanswered', 'completed'];
const CHECKIN_STATUSES: readonly CheckinStatus[] = ['open', 'answered', 'unanswered', 'cancelled'];
/** A check-in whose last question has an answer is complete. */
const LAST_QUESTION = questionNames[questionNames.length - 1] ?? 'urgent';

function pick<T extends string>(allowed: readonly T[], value: string, what: string): T {
  const found = allowed.find((a) => a === value);
  if (found === undefined) throw new Error(`database: unknown ${what} "${value}"`);
  return found;
}

const toFollowup = (r: FollowupRow): Followup => ({
  caseId: r.caseId,
  status: pick(FOLLOWUP_STATUSES, r.status, 'follow-up status'),
  consentAt: r.consentAt,
  departedAt: r.departedAt,
  misses: r.misses,
});

const toCheckin = (r: CheckinRow): Checkin => ({
  id: r.id,
  caseId: r.caseId,
  month: r.month,
  status: pick(CHECKIN_STATUSES, r.status, 'check-in status'),
  openedAt: r.openedAt,
  closesAt: r.closesAt,
  answeredAt: r.answeredAt,
  answers: r.answers,
  urgent: r.urgent,
});

export function createFollowupTx(tx: Tx, contactId: string, now: Date): FollowupTx {
  const ownCases = tx.select({ id: cases.id }).from(cases).where(eq(cases.contactId, contactId));
  async function owned(caseId: string): Promise<void> {
    const [row] = isUuid(caseId) ? await tx.select({ id: cases.id }).from(cases).where(and(eq(cases.id, caseId), eq(cases.contactId, contactId))) : [];
    if (!row) throw new Error(`follow-up: case ${caseId} is not a case of contact ${contactId}`);
  }
  const one = async (caseId: string) => (await tx.select().from(followups).where(eq(followups.caseId, caseId)))[0];

  return {
    async get(caseId) {
      await owned(caseId);
      const row = await one(caseId);
      return row ? toFollowup(row) : null;
    },
    async consent(caseId, yes) {
      await owned(caseId);
      const status = yes ? 'waiting' : 'declined';
      await tx
        .insert(followups)
        .values({ caseId, status, consentAt: now, updatedAt: now })
        .onConflictDoUpdate({ target: followups.caseId, set: { status, consentAt: now, misses: 0, updatedAt: now } });
    },
    async activate(caseId, departedAt) {
      await owned(caseId);
      const [row] = await tx
        .update(followups)
        .set({ status: 'active', departedAt, misses: 0, updatedAt: now })
        .where(and(eq(followups.caseId, caseId), eq(followups.status, 'waiting')))
        .returning();
      return row ? toFollowup(row) : null;
    },
    async open(caseId, month, closesAt) {
      await owned(caseId);
      await tx
        .insert(followupCheckins)
        .values({ caseId, month, status: 'open', openedAt: now, closesAt, updatedAt: now })
        .onConflictDoNothing();
      const [row] = await tx.select().from(followupCheckins).where(and(eq(followupCheckins.caseId, caseId), eq(followupCheckins.month, month)));
      if (!row) throw new Error('follow-up: the check-in vanished');
      return toCheckin(row);
    },
    async current() {
      const [row] = await tx
        .select()
        .from(followups)
        .where(and(inArray(followups.caseId, ownCases), eq(followups.status, 'active')))
        .orderBy(desc(followups.updatedAt))
        .limit(1);
      if (!row) return null;
      // Waiting for answers: open, or answered in part (the last question not reached) while its window lasts.
      const [open] = await tx
        .select()
        .from(followupCheckins)
        .where(
          and(
            eq(followupCheckins.caseId, row.caseId),
            or(
              eq(followupCheckins.status, 'open'),
              and(eq(followupCheckins.status, 'answered'), sql`${followupCheckins.answers}->>${LAST_QUESTION} is null`, gt(followupCheckins.closesAt, now)),
            ),
          ),
        )
        .orderBy(desc(followupCheckins.month))
        .limit(1);
      return { followup: toFollowup(row), checkin: open ? toCheckin(open) : null };
    },
    async answer(checkinId, question, value, urgent) {
      const [row] = isUuid(checkinId)
        ? await tx
            .select()
            .from(followupCheckins)
            .where(and(eq(followupCheckins.id, checkinId), inArray(followupCheckins.caseId, ownCases), inArray(followupCheckins.status, ['open', 'answered'])))
            .for('update')
        : [];
      if (!row) return;
      await tx
        .update(followupCheckins)
        .set({ answers: { ...row.answers, [question]: value }, status: 'answered', answeredAt: row.answeredAt ?? now, urgent: row.urgent || urgent, updatedAt: now })
        .where(eq(followupCheckins.id, checkinId));
      if (row.status === 'open') await tx.update(followups).set({ misses: 0, updatedAt: now }).where(eq(followups.caseId, row.caseId));
    },
    async close(caseId, month) {
      await owned(caseId);
      const [closed] = await tx
        .update(followupCheckins)
        .set({ status: 'unanswered', updatedAt: now })
        .where(and(eq(followupCheckins.caseId, caseId), eq(followupCheckins.month, month), eq(followupCheckins.status, 'open')))
        .returning({ id: followupCheckins.id });
      if (!closed) return null;
      const [row] = await tx
        .update(followups)
        .set({ misses: sql`${followups.misses} + 1`, updatedAt: now })
        .where(eq(followups.caseId, caseId))
        .returning({ misses: followups.misses });
      return row?.misses ?? null;
    },
    async stop(caseId, status) {
      await owned(caseId);
      await tx.update(followups).set({ status, updatedAt: now }).where(and(eq(followups.caseId, caseId), inArray(followups.status, ['waiting', 'active'])));
      await tx.update(followupCheckins).set({ status: 'cancelled', updatedAt: now }).where(and(eq(followupCheckins.caseId, caseId), eq(followupCheckins.status, 'open')));
    },
    async stopAll() {
      const rows = await tx
        .update(followups)
        .set({ status: 'stopped', updatedAt: now })
        .where(and(inArray(followups.caseId, ownCases), inArray(followups.status, ['waiting', 'active'])))
        .returning({ caseId: followups.caseId });
      const ids = rows.map((r) => r.caseId);
      if (ids.length > 0) {
        await tx.update(followupCheckins).set({ status: 'cancelled', updatedAt: now }).where(and(inArray(followupCheckins.caseId, ids), eq(followupCheckins.status, 'open')));
      }
      return ids;
    },
  };
}

export function createFollowupStore(db: Db): FollowupStore {
  return {
    async ofCase(caseId) {
      if (!isUuid(caseId)) return { followup: null, checkins: [] };
      const [row] = await db.select().from(followups).where(eq(followups.caseId, caseId));
      const checkins = await db.select().from(followupCheckins).where(eq(followupCheckins.caseId, caseId)).orderBy(asc(followupCheckins.month));
      return { followup: row ? toFollowup(row) : null, checkins: checkins.map(toCheckin) };
    },

    async stats() {
      // Only the country, the month and the categories leave the table, never a case or a person;
      // check-ins are few (four per returnee), so they are counted here rather than in SQL.
      const rows = await db
        .select({ country: cases.returnCountry, month: followupCheckins.month, answeredAt: followupCheckins.answeredAt, answers: followupCheckins.answers })
        .from(followupCheckins)
        .innerJoin(cases, eq(cases.id, followupCheckins.caseId))
        .where(inArray(followupCheckins.status, ['open', 'answered', 'unanswered']))
        .orderBy(asc(cases.returnCountry), asc(followupCheckins.month));
      const groups = new Map<string, FollowupStatsRow>();
      for (const r of rows) {
        const key = `${r.country ?? ''}|${r.month}`;
        let group = groups.get(key);
        if (!group) {
          group = { country: r.country, month: r.month, sent: 0, answered: 0, questions: Object.fromEntries(questionNames.map((q) => [q, { answered: 0, problems: 0 }])) as FollowupStatsRow['questions'] };
          groups.set(key, group);
        }
        group.sent++;
        if (r.answeredAt) group.answered++;
        for (const q of questionNames) {
          const answer = r.answers[q];
          if (answer === undefined || answer === 'skipped') continue;
          group.questions[q].answered++;
          if (PROBLEM_ANSWERS[q].includes(answer)) group.questions[q].problems++;
        }
      }
      return [...groups.values()];
    },
  };
}

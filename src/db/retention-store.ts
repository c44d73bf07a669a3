/**
 * RetentionStore on drizzle: what the privacy notice promises about time.
 * - A conversation nobody continued, with no open case, loses its session, transcript, held news
 *   and consent (the contact keeps only its language, so a later message is answered in it).
 * - A case closed (ended) longer than the closed-case period is pseudonymised: personal fields,
 *   answers, notes and staff free text go; its categories stay for the counts. Its person's
 *   transcript goes too once none of their cases is open.
 * - Old inbound ids, finished outbox rows and old rate-limit windows are purged.
 */
import { and, inArray, isNotNull, lt, notExists, or, sql } from 'drizzle-orm';
import { openStatuses } from '../conversation/case-model.js';
import type { RetentionStore } from '../conversation/ports.js';
import type { Db } from './client.js';
import { scrubCases } from './scrub.js';
import { caseNotes, cases, contacts, inboundDedupe, outbox, pendingNews, rateLimits, sessions, transcriptMessages } from './schema.js';

/** At most this many conversations or cases per sweep, so one run never holds locks for long. */
const BATCH = 500;
const open = inArray(cases.status, [...openStatuses]);

export function createRetentionStore(db: Db): RetentionStore {
  /** Contacts (locked, rechecked) that have no open case: their conversation may go. */
  async function forget(contactIds: string[], idleBefore: Date, at: Date): Promise<number> {
    if (contactIds.length === 0) return 0;
    return db.transaction(async (tx) => {
      // Locks the contacts as a turn does, so a message arriving now waits or goes first.
      const locked = (await tx.select({ id: contacts.id }).from(contacts).where(inArray(contacts.id, contactIds)).for('update')).map((r) => r.id);
      if (locked.length === 0) return 0;
      // Re-checked under the lock: a turn may have written the session since, or opened a case.
      const still = await tx
        .select({ id: sessions.contactId })
        .from(sessions)
        .where(
          and(
            inArray(sessions.contactId, locked),
            lt(sessions.updatedAt, idleBefore),
            notExists(tx.select({ one: sql`1` }).from(cases).where(and(sql`${cases.contactId} = ${sessions.contactId}`, open))),
          ),
        );
      const gone = still.map((r) => r.id);
      if (gone.length === 0) return 0;
      await tx.delete(transcriptMessages).where(inArray(transcriptMessages.contactId, gone));
      await tx.delete(sessions).where(inArray(sessions.contactId, gone));
      await tx.delete(pendingNews).where(inArray(pendingNews.contactId, gone));
      await tx.update(contacts).set({ consent: null, erasedAt: at, updatedAt: at }).where(inArray(contacts.id, gone));
      return gone.length;
    });
  }

  return {
    async sweep({ abandonedBefore, closedBefore, dedupeBefore, finishedBefore, at }) {
      // Conversations nobody continued whose cases (if any) are all ended: a closed "talk to a
      // counsellor" does not keep a conversation for ever.
      const stale = await db
        .select({ id: sessions.contactId })
        .from(sessions)
        .where(
          and(
            lt(sessions.updatedAt, abandonedBefore),
            notExists(db.select({ one: sql`1` }).from(cases).where(and(sql`${cases.contactId} = ${sessions.contactId}`, open))),
          ),
        )
        .limit(BATCH);
      const abandoned = await forget(
        stale.map((r) => r.id),
        abandonedBefore,
        at,
      );

      // Closed cases whose time is up and that still hold anything personal.
      const due = await db
        .select({ id: cases.id, contactId: cases.contactId })
        .from(cases)
        .where(
          and(
            sql`not (${open})`,
            lt(cases.updatedAt, closedBefore),
            or(
              isNotNull(cases.personalEnc),
              sql`${cases.answers} <> '{}'::jsonb`,
              sql`exists (select 1 from ${caseNotes} where ${caseNotes.caseId} = ${cases.id})`,
              sql`exists (select 1 from case_events e where e.case_id = ${cases.id} and (e.data ? 'reason_enc' or e.data ? 'reason'))`,
            ),
          ),
        )
        .limit(BATCH);
      const pseudonymised = due.map((r) => r.id);
      if (pseudonymised.length > 0) {
        await db.transaction(async (tx) => {
          await scrubCases(tx, pseudonymised, at);
          // Transcripts only while a case is open: a person with no open case left loses theirs.
          const people = [...new Set(due.map((r) => r.contactId))];
          const withoutOpen = await tx
            .select({ id: contacts.id })
            .from(contacts)
            .where(and(inArray(contacts.id, people), notExists(tx.select({ one: sql`1` }).from(cases).where(and(sql`${cases.contactId} = ${contacts.id}`, open)))));
          const ids = withoutOpen.map((r) => r.id);
          if (ids.length > 0) await tx.delete(transcriptMessages).where(inArray(transcriptMessages.contactId, ids));
        });
      }

      const dedupe = await db.delete(inboundDedupe).where(lt(inboundDedupe.receivedAt, dedupeBefore)).returning({ id: inboundDedupe.updateId });
      const finished = await db
        .delete(outbox)
        .where(or(and(isNotNull(outbox.deliveredAt), lt(outbox.deliveredAt, finishedBefore)), and(isNotNull(outbox.deadAt), lt(outbox.deadAt, finishedBefore))))
        .returning({ id: outbox.id });
      await db.delete(rateLimits).where(lt(rateLimits.windowStart, dedupeBefore));
      return { abandoned, pseudonymised, dedupe: dedupe.length, outbox: finished.length };
    },
  };
}


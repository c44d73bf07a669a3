/**
 * RetentionStore on drizzle. An abandoned conversation is one whose session was last written
 * before the limit and that never became a case: its session, transcript and consent go (the
 * contact row keeps only the channel id and the language choice, so a later message is answered in
 * the right language). Contacts with a case keep what the case needs; erasure is theirs to ask.
 */
import { and, inArray, lt, notExists, sql } from 'drizzle-orm';
import type { RetentionStore } from '../conversation/ports.js';
import type { Db } from './client.js';
import { cases, contacts, inboundDedupe, sessions, transcriptMessages } from './schema.js';

/** At most this many conversations per sweep, so one run never holds locks for long. */
const BATCH = 500;

export function createRetentionStore(db: Db): RetentionStore {
  return {
    async sweep({ abandonedBefore, dedupeBefore, at }) {
      const stale = await db
        .select({ id: sessions.contactId })
        .from(sessions)
        .where(
          and(
            lt(sessions.updatedAt, abandonedBefore),
            notExists(db.select({ one: sql`1` }).from(cases).where(sql`${cases.contactId} = ${sessions.contactId}`)),
          ),
        )
        .limit(BATCH);
      const ids = stale.map((r) => r.id);
      let abandoned = 0;
      if (ids.length > 0) {
        await db.transaction(async (tx) => {
          // Locks the contacts as a turn does, so a message arriving now waits or goes first.
          const locked = await tx
            .select({ id: contacts.id })
            .from(contacts)
            .where(inArray(contacts.id, ids))
            .for('update');
          const lockedIds = locked.map((r) => r.id);
          if (lockedIds.length === 0) return;
          // Re-checked under the lock: a turn may have written the session since.
          const still = await tx
            .select({ id: sessions.contactId })
            .from(sessions)
            .where(and(inArray(sessions.contactId, lockedIds), lt(sessions.updatedAt, abandonedBefore)));
          const gone = still.map((r) => r.id);
          if (gone.length === 0) return;
          await tx.delete(transcriptMessages).where(inArray(transcriptMessages.contactId, gone));
          await tx.delete(sessions).where(inArray(sessions.contactId, gone));
          await tx.update(contacts).set({ consent: null, erasedAt: at, updatedAt: at }).where(inArray(contacts.id, gone));
          abandoned = gone.length;
        });
      }
      const dedupe = await db.delete(inboundDedupe).where(lt(inboundDedupe.receivedAt, dedupeBefore)).returning({ id: inboundDedupe.updateId });
      return { abandoned, dedupe: dedupe.length };
    },
  };
}

/** ConversationStore on drizzle: one transaction per inbound, holding the contact's row lock. */
import { and, desc, eq } from 'drizzle-orm';
import type { Contact, ContactKey, ContactTx, ConversationStore, TranscriptEntry } from '../conversation/ports.js';
import type { Session } from '../engine/types.js';
import type { Db } from './client.js';
import { DbContactTx } from './contact-tx.js';
import type { Cipher } from './crypto.js';
import type { OutboxClaims } from './outbox-claims.js';
import { openJson } from './rows.js';
import { contacts, sessions, transcriptMessages } from './schema.js';

/**
 * Note for callers: inside `fn`, use only the `tx` it is given. On PGlite (one connection) a call
 * to another store method from inside `fn` waits for the transaction to end, i.e. forever.
 */
export function createConversationStore(db: Db, cipher: Cipher, clock: () => Date, claims: OutboxClaims): ConversationStore {
  return {
    async withContact<T>(key: ContactKey, fn: (tx: ContactTx) => Promise<T>): Promise<T> {
      const opened: { tx: DbContactTx | null } = { tx: null };
      const result = await db.transaction(async (tx) => {
        // One time for the whole transaction: everything it writes is stamped with it.
        const now = clock();
        await tx.insert(contacts).values({ channel: key.channel, channelUserId: key.channelUserId, createdAt: now, updatedAt: now }).onConflictDoNothing();
        // The row lock serializes everything done for one person (PostgreSQL); PGlite runs one
        // transaction at a time anyway.
        const [row] = await tx
          .select()
          .from(contacts)
          .where(and(eq(contacts.channel, key.channel), eq(contacts.channelUserId, key.channelUserId)))
          .for('update');
        if (!row) throw new Error('withContact: the contact row vanished');
        const contact: Contact = {
          id: row.id,
          channel: row.channel,
          channelUserId: row.channelUserId,
          language: row.language,
          consent: row.consent,
          reachable: row.reachable,
          createdAt: row.createdAt,
        };
        const [stored] = await tx.select().from(sessions).where(eq(sessions.contactId, row.id));
        const session = stored ? { state: await openJson<Session>(cipher, stored.stateEnc), version: stored.version } : null;
        opened.tx = new DbContactTx(tx, cipher, claims, contact, session, now);
        return fn(opened.tx);
      });
      // Committed: what it leased goes to the deliverer now (a rollback leaves nothing to deliver).
      if (opened.tx) claims.emit(opened.tx.claimed);
      return result;
    },

    async transcript(key: ContactKey, limit: number): Promise<TranscriptEntry[]> {
      const rows = await db
        .select({ direction: transcriptMessages.direction, textEnc: transcriptMessages.textEnc, at: transcriptMessages.at })
        .from(transcriptMessages)
        .innerJoin(contacts, eq(contacts.id, transcriptMessages.contactId))
        .where(and(eq(contacts.channel, key.channel), eq(contacts.channelUserId, key.channelUserId)))
        .orderBy(desc(transcriptMessages.id))
        .limit(limit);
      const entries = await Promise.all(
        rows.map(async (row) => ({ direction: row.direction, text: await cipher.decrypt(row.textEnc), at: row.at })),
      );
      return entries.reverse();
    },
  };
}

/** ConversationStore on drizzle: one transaction per inbound, holding the contact's row lock. */
import { and, desc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Contact, ContactKey, ContactTx, ConversationStore, TranscriptEntry } from '../conversation/ports.js';
import { reachModes } from '../conversation/contact-reach.js';
import type { Session } from '../engine/types.js';
import type { Db } from './client.js';
import { DbContactTx } from './contact-tx.js';
import type { Cipher } from './crypto.js';
import type { OutboxClaims } from './outbox-claims.js';
import { rowsOf } from './raw-rows.js';
import { openJson, type Tx } from './rows.js';
import { sealContext } from './sealed.js';
import { contacts, inboundDedupe, pendingNews, sessions, transcriptMessages } from './schema.js';

type ContactRow = typeof contacts.$inferSelect;

/**
 * The consent column as drizzle would map it (jsonb this code wrote; both drivers parse it, a
 * string is parsed here). Asserted like openJson's values: our own data, not input.
 */
function consentOf(value: unknown): ContactRow['consent'] {
  if (value === null || value === undefined) return null;
  return (typeof value === 'string' ? JSON.parse(value) : value) as ContactRow['consent'];
}

/** Timestamps come as PostgreSQL writes them (`2026-12-03 10:50:14.541+00`) or as Dates. */
const timestamp = (value: string | Date): Date => (value instanceof Date ? value : new Date(value));

/**
 * Note for callers: inside `fn`, use only the `tx` it is given. On PGlite (one connection) a call
 * to another store method from inside `fn` waits for the transaction to end, i.e. forever.
 */
/** The contact and session rows as the opening statement returns them. */
const lockedRow = z.object({
  id: z.string(),
  channel: z.string(),
  channel_user_id: z.string(),
  language: z.string().nullable(),
  consent: z.unknown(),
  reachable: z.boolean(),
  reach: z.enum(reachModes),
  last_seen_at: z.union([z.string(), z.date()]).nullable(),
  created_at: z.union([z.string(), z.date()]),
  state_enc: z.string(),
  version: z.coerce.number(),
  claimed: z.coerce.number(),
  has_news: z.boolean(),
});

export function createConversationStore(db: Db, cipher: Cipher, clock: () => Date, claims: OutboxClaims): ConversationStore {
  /**
   * The usual start of a turn in one statement: lock the person's contact and session rows and
   * record the inbound id. Null when the person or their session is new (the long way then).
   * Locking the session row too makes a turn that waited for the lock read the session as the
   * turn before it left it.
   */
  async function lockKnown(tx: Tx, key: ContactKey, now: Date, claim: { updateId: string; channel: string } | null) {
    const locked = sql`select c.id, c.channel, c.channel_user_id, c.language, c.consent, c.reachable, c.reach, c.last_seen_at, c.created_at, s.state_enc, s.version
      from ${contacts} c join ${sessions} s on s.contact_id = c.id
      where c.channel = ${key.channel} and c.channel_user_id = ${key.channelUserId}
      for update of c, s`;
    // Whether news waits for the person: a turn with none (nearly all) skips taking it.
    const hasNews = sql`exists (select 1 from ${pendingNews} p where p.contact_id = locked.id) as has_news`;
    const result = await tx.execute(
      claim
        ? sql`with locked as (${locked}), claim as (
            insert into ${inboundDedupe} (channel, update_id, contact_id, received_at)
            select ${claim.channel}, ${claim.updateId}, id, ${now.toISOString()}::timestamptz from locked
            on conflict do nothing returning 1)
          select locked.*, (select count(*) from claim)::int as claimed, ${hasNews} from locked`
        : sql`with locked as (${locked}) select locked.*, 0 as claimed, ${hasNews} from locked`,
    );
    const [row] = rowsOf(result, lockedRow);
    if (!row) return null;
    const contact: Contact = {
      id: row.id,
      channel: row.channel,
      channelUserId: row.channel_user_id,
      language: row.language,
      consent: consentOf(row.consent),
      reachable: row.reachable,
      reach: row.reach,
      lastSeenAt: row.last_seen_at === null ? null : timestamp(row.last_seen_at),
      createdAt: timestamp(row.created_at),
    };
    const session = { state: await openJson<Session>(cipher, row.state_enc, sealContext('sessions.state_enc', row.id)), version: row.version };
    return { contact, session, claimed: row.claimed === 1, hasNews: row.has_news };
  }

  return {
    async withContact<T>(key: ContactKey, fn: (tx: ContactTx) => Promise<T>, options: { claim?: string } = {}): Promise<T> {
      const opened: { tx: DbContactTx | null } = { tx: null };
      const result = await db.transaction(async (tx) => {
        // One time for the whole transaction: everything it writes is stamped with it.
        const now = clock();
        const claim = options.claim === undefined ? null : { updateId: options.claim, channel: key.channel };
        const known = await lockKnown(tx, key, now, claim);
        if (known) {
          opened.tx = new DbContactTx(tx, cipher, claims, known.contact, known.session, now, claim && { ...claim, claimed: known.claimed }, known.hasNews);
        } else {
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
            reach: row.reach,
            lastSeenAt: row.lastSeenAt,
            createdAt: row.createdAt,
          };
          const [stored] = await tx.select().from(sessions).where(eq(sessions.contactId, row.id));
          const session = stored ? { state: await openJson<Session>(cipher, stored.stateEnc, sealContext('sessions.state_enc', row.id)), version: stored.version } : null;
          opened.tx = new DbContactTx(tx, cipher, claims, contact, session, now);
        }
        const value = await fn(opened.tx);
        await opened.tx.flush();
        return value;
      });
      // Committed: what it leased goes to the deliverer now (a rollback leaves nothing to deliver).
      if (opened.tx) claims.emit(opened.tx.claimed);
      return result;
    },

    async transcript(key: ContactKey, limit: number): Promise<TranscriptEntry[]> {
      const rows = await db
        .select({ direction: transcriptMessages.direction, textEnc: transcriptMessages.textEnc, at: transcriptMessages.at, contactId: transcriptMessages.contactId })
        .from(transcriptMessages)
        .innerJoin(contacts, eq(contacts.id, transcriptMessages.contactId))
        .where(and(eq(contacts.channel, key.channel), eq(contacts.channelUserId, key.channelUserId)))
        .orderBy(desc(transcriptMessages.id))
        .limit(limit);
      const entries = await Promise.all(
        rows.map(async (row) => ({ direction: row.direction, text: await cipher.decrypt(row.textEnc, sealContext('transcript_messages.text_enc', row.contactId)), at: row.at })),
      );
      return entries.reverse();
    },
  };
}

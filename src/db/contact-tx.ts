/** ContactTx: what one transaction holding a contact's row lock can do. */
import { and, count, desc, eq, inArray, isNotNull, notInArray, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { liveLineStatuses, openStatuses, parseStatus } from '../conversation/case-model.js';
import { keptForJourney, type ErasureResult } from '../conversation/erasure-policy.js';
import type {
  CasePatch,
  CaseRecord,
  ConsentRecord,
  Contact,
  ContactTx,
  NewCase,
  NewCaseEvent,
  OutboxItem,
  ClaimedBatch,
  StoredSession,
  TranscriptEntry,
} from '../conversation/ports.js';
import type { Reach } from '../conversation/contact-reach.js';
import type { RenderedMessage } from '../conversation/types.js';
import type { Session } from '../engine/types.js';
import type { AppointmentsTx } from '../conversation/appointment-ports.js';
import type { DocumentsTx } from '../conversation/documents.js';
import type { JobsTx } from '../conversation/scheduler-ports.js';
import type { TravelTx } from '../conversation/travel.js';
import type { FollowupTx } from '../conversation/followup.js';
import type { Cipher } from './crypto.js';
import { sealEventData } from './event-data.js';
import { sealContext } from './sealed.js';
import { reduceToJourney, scrubCases } from './scrub.js';
import { createAppointmentsTx } from './appointments-tx.js';
import { createDocumentsTx } from './documents.js';
import { createJobsTx } from './jobs-tx.js';
import { createTravelTx } from './travel.js';
import { createFollowupTx } from './followup.js';
import { followupJobPrefix } from '../conversation/followup-jobs.js';
import { addTo, claimsOf, outboxInsert, type OutboxClaims } from './outbox-claims.js';
import { rowsOf } from './raw-rows.js';
import { openJson, sealJson, toCaseRecord, type Tx } from './rows.js';
import { caseEvents, cases, contacts, inboundDedupe, pendingNews, sessions, transcriptMessages } from './schema.js';

/** An inbound id recorded by the statement that opened the transaction (see withContact's `claim`). */
export interface Preclaim {
  updateId: string;
  channel: string;
  claimed: boolean;
}

/** The answer of the statement that writes what a turn held back. */
const flushedRow = z.object({
  saved: z.coerce.number(),
  id: z.union([z.number(), z.string()]).nullable(),
  locked_until: z.unknown(),
});

/**
 * A turn's writes that only add (transcript lines, outbox items), its changes to the contact row
 * (seen now, a language, consent) and its session save are held back and sent as one statement (a
 * WITH of the inserts, the contact's update and the session's compare-and-set) just before any
 * other statement and before the commit: SQL sees them in the order they were made, and a turn
 * that only answers costs one write instead of four.
 */
type ContactChange = Partial<Pick<Contact, 'language' | 'consent' | 'reachable' | 'reach' | 'lastSeenAt'>>;

interface Held {
  /** Columns of the contact row to set (the last value of each wins). */
  contact: ContactChange | null;
  transcript: Array<{ direction: 'in' | 'out'; textEnc: string }>;
  /** Encrypted when sent (the payloads are only needed then). */
  outbox: { items: OutboxItem[] };
  session: { stateEnc: string; from: number | null } | null;
}

const nothingHeld = (): Held => ({ contact: null, transcript: [], outbox: { items: [] }, session: null });

/**
 * A part of the transaction (appointments, travel, …) whose every call first sends what the turn
 * held back, like the methods below: SQL sees the writes in the order they were made.
 */
function flushedFirst<T extends object>(part: T, flush: () => Promise<void>): T {
  return new Proxy(part, {
    get(target, name, receiver) {
      const value: unknown = Reflect.get(target, name, receiver);
      if (typeof value !== 'function') return value;
      return async (...args: unknown[]) => {
        await flush();
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}

/** `column = value, …` for the contact's held changes, each value cast to its column's type. */
function contactAssignments(change: ContactChange): SQL {
  const set: SQL[] = [];
  if (change.language !== undefined) set.push(sql`language = ${change.language}::text`);
  if (change.consent !== undefined) set.push(sql`consent = ${change.consent === null ? null : JSON.stringify(change.consent)}::jsonb`);
  if (change.reachable !== undefined) set.push(sql`reachable = ${change.reachable}::boolean`);
  if (change.reach !== undefined) set.push(sql`reach = ${change.reach}::text`);
  if (change.lastSeenAt !== undefined) set.push(sql`last_seen_at = ${change.lastSeenAt === null ? null : change.lastSeenAt.toISOString()}::timestamptz`);
  return sql.join(set, sql`, `);
}

export class DbContactTx implements ContactTx {
  readonly #tx: Tx;
  readonly #cipher: Cipher;
  #contact: Contact;
  #session: StoredSession | null;
  readonly #claims: OutboxClaims;
  #preclaim: Preclaim | null;
  /** Whether news is held back for the person: null when the opening statement did not say. */
  #hasNews: boolean | null;
  #held: Held = nothingHeld();
  readonly now: Date;
  /** The parts, made when first used (most turns use none, and making one builds queries). */
  #jobs: JobsTx | null = null;
  #appointments: AppointmentsTx | null = null;
  #documents: DocumentsTx | null = null;
  #travel: TravelTx | null = null;
  #followup: FollowupTx | null = null;
  /** What each part's calls do first: send what the turn held back. */
  readonly #first = (): Promise<void> => this.flush();
  /** Outbox items leased to this process as they were written: delivered once this commits. */
  readonly claimed: ClaimedBatch = { claimed: [], behind: [] };

  constructor(
    tx: Tx,
    cipher: Cipher,
    claims: OutboxClaims,
    contact: Contact,
    session: StoredSession | null,
    now: Date,
    preclaim: Preclaim | null = null,
    hasNews: boolean | null = null,
  ) {
    this.#tx = tx;
    this.#cipher = cipher;
    this.#claims = claims;
    this.#contact = contact;
    this.#session = session;
    this.now = now;
    this.#preclaim = preclaim;
    this.#hasNews = hasNews;
  }

  get jobs(): JobsTx {
    return (this.#jobs ??= flushedFirst(createJobsTx(this.#tx, this.#contact.id, this.now), this.#first));
  }

  get appointments(): AppointmentsTx {
    return (this.#appointments ??= flushedFirst(createAppointmentsTx(this.#tx, this.#contact.id, this.now), this.#first));
  }

  get documents(): DocumentsTx {
    return (this.#documents ??= flushedFirst(createDocumentsTx(this.#tx, this.#contact.id, this.now), this.#first));
  }

  get travel(): TravelTx {
    return (this.#travel ??= flushedFirst(createTravelTx(this.#tx, this.#cipher, this.#contact.id, this.now), this.#first));
  }

  get followup(): FollowupTx {
    return (this.#followup ??= flushedFirst(createFollowupTx(this.#tx, this.#contact.id, this.now), this.#first));
  }

  get contact(): Contact {
    return this.#contact;
  }

  get session(): StoredSession | null {
    return this.#session;
  }

  async claimInbound(updateId: string, channel: string = this.#contact.channel): Promise<boolean> {
    const pre = this.#preclaim;
    if (pre && pre.updateId === updateId && pre.channel === channel) {
      this.#preclaim = null;
      return pre.claimed;
    }
    await this.flush();
    const inserted = await this.#tx
      .insert(inboundDedupe)
      .values({ channel, updateId, contactId: this.#contact.id, receivedAt: this.now })
      .onConflictDoNothing()
      .returning({ updateId: inboundDedupe.updateId });
    return inserted.length === 1;
  }

  async saveSession(state: Session): Promise<void> {
    // Two saves in one turn: the first goes out, the second compares with its version.
    if (this.#held.session) await this.flush();
    const stateEnc = await sealJson(this.#cipher, state, sealContext('sessions.state_enc', this.#contact.id));
    const read = this.#session;
    this.#held.session = { stateEnc, from: read?.version ?? null };
    this.#session = { state, version: (read?.version ?? 0) + 1 };
  }

  /** Sends what is held back, as one statement. Called before every other statement and before the commit. */
  async flush(): Promise<void> {
    const held = this.#held;
    if (held.contact === null && held.transcript.length === 0 && held.outbox.items.length === 0 && held.session === null) return;
    this.#held = nothingHeld();
    const id = this.#contact.id;
    const at = this.now.toISOString();
    // Plain templates, not drizzle's builders: those cost six times as much to turn into SQL.
    const parts: SQL[] = [];
    if (held.contact) parts.push(sql`c as (update contacts set ${contactAssignments(held.contact)}, updated_at = ${at}::timestamptz where id = ${id})`);
    if (held.transcript.length > 0) {
      const rows = held.transcript.map((r) => sql`(${id}, ${r.direction}, ${r.textEnc}, ${at})`);
      parts.push(sql`t as (insert into transcript_messages (contact_id, direction, text_enc, at) values ${sql.join(rows, sql`, `)})`);
    }
    const hasOutbox = held.outbox.items.length > 0;
    if (hasOutbox) parts.push(sql`o as (${await outboxInsert(this.#cipher, this.#claims, held.outbox.items, this.now)})`);
    const session = held.session;
    if (session) {
      parts.push(
        session.from === null
          ? // A concurrent insert would violate the primary key and abort: never a silent overwrite.
            sql`s as (insert into sessions (contact_id, state_enc, version, updated_at) values (${id}, ${session.stateEnc}, 1, ${at}) returning version)`
          : sql`s as (update sessions set state_enc = ${session.stateEnc}, version = ${session.from + 1}, updated_at = ${at}
              where contact_id = ${id} and version = ${session.from} returning version)`,
      );
    }
    const saved = session ? sql`(select count(*) from s)::int` : sql`1`;
    const result = await this.#tx.execute(
      hasOutbox
        ? sql`with ${sql.join(parts, sql`, `)} select ${saved} as saved, o.id, o.locked_until from (values (1)) one left join o on true`
        : sql`with ${sql.join(parts, sql`, `)} select ${saved} as saved, null as id, null as locked_until`,
    );
    const rows = rowsOf(result, flushedRow);
    // The row lock makes this impossible; if it happens, the lock is broken and writes would be lost.
    if (session && session.from !== null && rows[0]?.saved !== 1) {
      throw new Error(`saveSession: session of contact ${id} changed since version ${session.from}`);
    }
    if (hasOutbox && this.#claims.active()) {
      const written = rows.flatMap((r) => (r.id === null ? [] : [{ id: Number(r.id), leased: r.locked_until !== null }]));
      addTo(this.claimed, claimsOf(held.outbox.items, written));
    }
  }

  async setLanguage(language: string): Promise<void> {
    await this.#updateContact({ language });
    this.#contact = { ...this.#contact, language };
  }

  async setConsent(consent: ConsentRecord | null): Promise<void> {
    await this.#updateContact({ consent });
    this.#contact = { ...this.#contact, consent };
  }

  async setReachable(reachable: boolean): Promise<void> {
    await this.#updateContact({ reachable });
    this.#contact = { ...this.#contact, reachable };
  }

  async setReach(reach: Reach): Promise<void> {
    await this.#updateContact({ reach });
    this.#contact = { ...this.#contact, reach };
  }

  async markSeen(): Promise<void> {
    await this.#updateContact({ lastSeenAt: this.now });
    this.#contact = { ...this.#contact, lastSeenAt: this.now };
  }

  async holdNews(message: RenderedMessage): Promise<number> {
    await this.flush();
    this.#hasNews = true;
    await this.#tx.insert(pendingNews).values({ contactId: this.#contact.id, messageEnc: await sealJson(this.#cipher, message, sealContext('pending_news.message_enc', this.#contact.id)), at: this.now });
    const [row] = await this.#tx.select({ n: count() }).from(pendingNews).where(eq(pendingNews.contactId, this.#contact.id));
    return Number(row?.n ?? 0);
  }

  async takeNews(): Promise<RenderedMessage[]> {
    // The usual turn: the opening statement said nothing is held back.
    if (this.#hasNews === false) return [];
    await this.flush();
    this.#hasNews = false;
    const rows = await this.#tx
      .delete(pendingNews)
      .where(eq(pendingNews.contactId, this.#contact.id))
      .returning({ id: pendingNews.id, messageEnc: pendingNews.messageEnc });
    rows.sort((a, b) => a.id - b.id);
    return Promise.all(rows.map((row) => openJson<RenderedMessage>(this.#cipher, row.messageEnc, sealContext('pending_news.message_enc', this.#contact.id))));
  }

  async appendTranscript(entries: Array<Omit<TranscriptEntry, 'at'>>): Promise<void> {
    if (entries.length === 0) return;
    const rows = await Promise.all(
      entries.map(async (entry) => ({
        direction: entry.direction,
        textEnc: await this.#cipher.encrypt(entry.text, sealContext('transcript_messages.text_enc', this.#contact.id)),
      })),
    );
    this.#held.transcript.push(...rows);
  }

  async createCase(input: NewCase): Promise<CaseRecord> {
    await this.flush();
    const year = this.now.getUTCFullYear();
    // The number comes from a sequence (unique under concurrency, never reused); padded to six
    // digits, longer once it outgrows them.
    const reference = sql<string>`(select 'AVR-' || ${String(year)} || '-' || lpad(n::text, greatest(6, length(n::text)), '0') from nextval('case_reference_seq') as n)`;
    // The id is made here, not by the database: the personal fields are sealed to it.
    const id = crypto.randomUUID();
    const [row] = await this.#tx
      .insert(cases)
      .values({
        id,
        reference,
        contactId: this.#contact.id,
        kind: input.kind,
        queue: input.queue,
        outcome: input.outcome,
        urgent: input.urgent,
        rules: input.rules,
        route: input.route,
        rulesVersion: input.rulesVersion,
        language: input.language,
        nationality: input.nationality,
        returnCountry: input.returnCountry,
        hostCountry: input.hostCountry,
        answers: input.answers,
        personalEnc: await sealJson(this.#cipher, input.personal, sealContext('cases.personal_enc', id)),
        createdAt: this.now,
        updatedAt: this.now,
      })
      .returning();
    if (!row) throw new Error('createCase: insert returned nothing');
    return toCaseRecord(row, this.#cipher);
  }

  async cases(): Promise<CaseRecord[]> {
    await this.flush();
    const rows = await this.#tx
      .select()
      .from(cases)
      .where(eq(cases.contactId, this.#contact.id))
      .orderBy(desc(cases.createdAt), desc(cases.reference));
    return Promise.all(rows.map((row) => toCaseRecord(row, this.#cipher)));
  }

  async case(caseId: string): Promise<CaseRecord | null> {
    await this.flush();
    const [row] = await this.#tx
      .select()
      .from(cases)
      .where(and(eq(cases.id, caseId), eq(cases.contactId, this.#contact.id)));
    return row ? toCaseRecord(row, this.#cipher) : null;
  }

  async liveCase(): Promise<CaseRecord | null> {
    await this.flush();
    const [row] = await this.#tx
      .select()
      .from(cases)
      // An open case once someone holds it; after departure, whether or not anyone holds it (the
      // person was told they can write here for help after arrival: the card's thread hears them).
      .where(
        and(
          eq(cases.contactId, this.#contact.id),
          inArray(cases.status, [...liveLineStatuses]),
          or(isNotNull(cases.assignee), notInArray(cases.status, [...openStatuses])),
        ),
      )
      .orderBy(desc(cases.updatedAt), desc(cases.reference))
      .limit(1);
    return row ? toCaseRecord(row, this.#cipher) : null;
  }

  async addCaseEvent(caseId: string, event: NewCaseEvent): Promise<void> {
    await this.flush();
    const [owned] = await this.#tx
      .select({ id: cases.id })
      .from(cases)
      .where(and(eq(cases.id, caseId), eq(cases.contactId, this.#contact.id)));
    if (!owned) throw new Error(`addCaseEvent: case ${caseId} is not a case of contact ${this.#contact.id}`);
    await this.#tx.insert(caseEvents).values({ caseId, kind: event.kind, actor: event.actor, data: await sealEventData(this.#cipher, event.data, caseId), at: this.now });
  }

  async updateCase(caseId: string, version: number, patch: CasePatch, event: NewCaseEvent): Promise<CaseRecord | null> {
    await this.flush();
    const [row] = await this.#tx
      .update(cases)
      .set({
        ...(patch.status !== undefined ? { status: patch.status } : {}),
        ...(patch.assignee !== undefined ? { assignee: patch.assignee } : {}),
        version: version + 1,
        updatedAt: this.now,
      })
      .where(and(eq(cases.id, caseId), eq(cases.contactId, this.#contact.id), eq(cases.version, version)))
      .returning();
    if (!row) return null;
    await this.#tx.insert(caseEvents).values({ caseId, kind: event.kind, actor: event.actor, data: await sealEventData(this.#cipher, event.data, caseId), at: this.now });
    return toCaseRecord(row, this.#cipher);
  }

  async enqueue(items: OutboxItem[]): Promise<void> {
    // Written under the contact's lock: no earlier item of this person's keys can commit unseen.
    this.#held.outbox.items.push(...items);
  }

  async erase(): Promise<ErasureResult> {
    await this.flush();
    const id = this.#contact.id;
    // Erasure withdraws consent, the follow-up's too: no check-in comes after it.
    for (const caseId of await this.followup.stopAll()) await this.jobs.cancel(followupJobPrefix(caseId));
    const own = await this.#tx.select({ id: cases.id, kind: cases.kind, status: cases.status }).from(cases).where(eq(cases.contactId, id));
    const kept = own.filter((c) => keptForJourney({ kind: c.kind, status: parseStatus(c.status) ?? 'closed' })).map((c) => c.id);
    const erased = own.map((c) => c.id).filter((c) => !kept.includes(c));
    await scrubCases(this.#tx, erased, this.now);
    for (const caseId of kept) await reduceToJourney(this.#tx, this.#cipher, caseId, this.now);
    await this.#tx.delete(transcriptMessages).where(eq(transcriptMessages.contactId, id));
    await this.#tx.delete(sessions).where(eq(sessions.contactId, id));
    await this.#tx.delete(pendingNews).where(eq(pendingNews.contactId, id));
    // Unless a journey needs to reach the person, the contact no longer names their chat: a random
    // tombstone replaces it, so nothing left (cases, counts) points to them, and a later message
    // starts afresh as a new contact.
    const channelUserId = kept.length > 0 ? this.#contact.channelUserId : `erased:${crypto.randomUUID()}`;
    await this.#tx
      .update(contacts)
      .set({ consent: null, erasedAt: this.now, updatedAt: this.now, channelUserId, reach: 'push', lastSeenAt: null })
      .where(eq(contacts.id, id));
    this.#contact = { ...this.#contact, consent: null, channelUserId, reach: 'push', lastSeenAt: null };
    this.#session = null;
    return { erased, kept };
  }

  /** Held back with the turn's other writes (see Held): every other statement flushes it first. */
  async #updateContact(values: ContactChange): Promise<void> {
    this.#held.contact = { ...this.#held.contact, ...values };
  }
}

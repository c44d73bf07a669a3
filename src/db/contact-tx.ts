/** ContactTx: what one transaction holding a contact's row lock can do. */
import { and, count, desc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import { openStatuses, parseStatus } from '../conversation/case-model.js';
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
import { openJson, sealJson, toCaseRecord, type Tx } from './rows.js';
import { caseEvents, cases, contacts, inboundDedupe, outbox, pendingNews, sessions, transcriptMessages } from './schema.js';

export class DbContactTx implements ContactTx {
  readonly #tx: Tx;
  readonly #cipher: Cipher;
  #contact: Contact;
  #session: StoredSession | null;
  readonly now: Date;
  readonly jobs: JobsTx;
  readonly appointments: AppointmentsTx;
  readonly documents: DocumentsTx;
  readonly travel: TravelTx;
  readonly followup: FollowupTx;

  constructor(tx: Tx, cipher: Cipher, contact: Contact, session: StoredSession | null, now: Date) {
    this.#tx = tx;
    this.#cipher = cipher;
    this.#contact = contact;
    this.#session = session;
    this.now = now;
    this.jobs = createJobsTx(tx, contact.id, now);
    this.appointments = createAppointmentsTx(tx, contact.id, now);
    this.documents = createDocumentsTx(tx, contact.id, now);
    this.travel = createTravelTx(tx, cipher, contact.id, now);
    this.followup = createFollowupTx(tx, contact.id, now);
  }

  get contact(): Contact {
    return this.#contact;
  }

  get session(): StoredSession | null {
    return this.#session;
  }

  async claimInbound(updateId: string, channel: string = this.#contact.channel): Promise<boolean> {
    const inserted = await this.#tx
      .insert(inboundDedupe)
      .values({ channel, updateId, contactId: this.#contact.id, receivedAt: this.now })
      .onConflictDoNothing()
      .returning({ updateId: inboundDedupe.updateId });
    return inserted.length === 1;
  }

  async saveSession(state: Session): Promise<void> {
    const stateEnc = await sealJson(this.#cipher, state, sealContext('sessions.state_enc', this.#contact.id));
    const read = this.#session;
    if (read === null) {
      // A concurrent insert would violate the primary key and abort: never a silent overwrite.
      await this.#tx.insert(sessions).values({ contactId: this.#contact.id, stateEnc, version: 1, updatedAt: this.now });
      this.#session = { state, version: 1 };
      return;
    }
    const updated = await this.#tx
      .update(sessions)
      .set({ stateEnc, version: read.version + 1, updatedAt: this.now })
      .where(and(eq(sessions.contactId, this.#contact.id), eq(sessions.version, read.version)))
      .returning({ version: sessions.version });
    // The row lock makes this impossible; if it happens, the lock is broken and writes would be lost.
    if (updated.length !== 1) throw new Error(`saveSession: session of contact ${this.#contact.id} changed since version ${read.version}`);
    this.#session = { state, version: read.version + 1 };
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
    await this.#tx.insert(pendingNews).values({ contactId: this.#contact.id, messageEnc: await sealJson(this.#cipher, message, sealContext('pending_news.message_enc', this.#contact.id)), at: this.now });
    const [row] = await this.#tx.select({ n: count() }).from(pendingNews).where(eq(pendingNews.contactId, this.#contact.id));
    return Number(row?.n ?? 0);
  }

  async takeNews(): Promise<RenderedMessage[]> {
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
        contactId: this.#contact.id,
        direction: entry.direction,
        textEnc: await this.#cipher.encrypt(entry.text, sealContext('transcript_messages.text_enc', this.#contact.id)),
        at: this.now,
      })),
    );
    await this.#tx.insert(transcriptMessages).values(rows);
  }

  async createCase(input: NewCase): Promise<CaseRecord> {
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
    const rows = await this.#tx
      .select()
      .from(cases)
      .where(eq(cases.contactId, this.#contact.id))
      .orderBy(desc(cases.createdAt), desc(cases.reference));
    return Promise.all(rows.map((row) => toCaseRecord(row, this.#cipher)));
  }

  async case(caseId: string): Promise<CaseRecord | null> {
    const [row] = await this.#tx
      .select()
      .from(cases)
      .where(and(eq(cases.id, caseId), eq(cases.contactId, this.#contact.id)));
    return row ? toCaseRecord(row, this.#cipher) : null;
  }

  async liveCase(): Promise<CaseRecord | null> {
    const [row] = await this.#tx
      .select()
      .from(cases)
      .where(and(eq(cases.contactId, this.#contact.id), isNotNull(cases.assignee), inArray(cases.status, [...openStatuses])))
      .orderBy(desc(cases.updatedAt), desc(cases.reference))
      .limit(1);
    return row ? toCaseRecord(row, this.#cipher) : null;
  }

  async addCaseEvent(caseId: string, event: NewCaseEvent): Promise<void> {
    const [owned] = await this.#tx
      .select({ id: cases.id })
      .from(cases)
      .where(and(eq(cases.id, caseId), eq(cases.contactId, this.#contact.id)));
    if (!owned) throw new Error(`addCaseEvent: case ${caseId} is not a case of contact ${this.#contact.id}`);
    await this.#tx.insert(caseEvents).values({ caseId, kind: event.kind, actor: event.actor, data: await sealEventData(this.#cipher, event.data, caseId), at: this.now });
  }

  async updateCase(caseId: string, version: number, patch: CasePatch, event: NewCaseEvent): Promise<CaseRecord | null> {
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
    if (items.length === 0) return;
    const rows = await Promise.all(
      items.map(async (item) => ({
        kind: item.kind,
        payloadEnc: await sealJson(this.#cipher, item.payload, sealContext('outbox.payload_enc', item.orderKey)),
        orderKey: item.orderKey,
        nextAttemptAt: this.now,
        createdAt: this.now,
      })),
    );
    await this.#tx.insert(outbox).values(rows);
  }

  async erase(): Promise<ErasureResult> {
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

  async #updateContact(values: Partial<Pick<typeof contacts.$inferInsert, 'language' | 'consent' | 'reachable' | 'reach' | 'lastSeenAt'>>): Promise<void> {
    await this.#tx
      .update(contacts)
      .set({ ...values, updatedAt: this.now })
      .where(eq(contacts.id, this.#contact.id));
  }
}

/** ContactTx: what one transaction holding a contact's row lock can do. */
import { and, desc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import { openStatuses } from '../conversation/case-model.js';
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
import type { Session } from '../engine/types.js';
import type { Cipher } from './crypto.js';
import { addTo, writeOutbox, type OutboxClaims } from './outbox-claims.js';
import { sealJson, toCaseRecord, type Tx } from './rows.js';
import { caseEvents, cases, contacts, inboundDedupe, sessions, transcriptMessages } from './schema.js';

export class DbContactTx implements ContactTx {
  readonly #tx: Tx;
  readonly #cipher: Cipher;
  #contact: Contact;
  #session: StoredSession | null;
  readonly #claims: OutboxClaims;
  readonly now: Date;
  /** Outbox items leased to this process as they were written: delivered once this commits. */
  readonly claimed: ClaimedBatch = { claimed: [], behind: [] };

  constructor(tx: Tx, cipher: Cipher, claims: OutboxClaims, contact: Contact, session: StoredSession | null, now: Date) {
    this.#tx = tx;
    this.#cipher = cipher;
    this.#claims = claims;
    this.#contact = contact;
    this.#session = session;
    this.now = now;
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
    const stateEnc = await sealJson(this.#cipher, state);
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

  async appendTranscript(entries: Array<Omit<TranscriptEntry, 'at'>>): Promise<void> {
    if (entries.length === 0) return;
    const rows = await Promise.all(
      entries.map(async (entry) => ({
        contactId: this.#contact.id,
        direction: entry.direction,
        textEnc: await this.#cipher.encrypt(entry.text),
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
    const [row] = await this.#tx
      .insert(cases)
      .values({
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
        personalEnc: await sealJson(this.#cipher, input.personal),
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
    await this.#tx.insert(caseEvents).values({ caseId, kind: event.kind, actor: event.actor, data: event.data, at: this.now });
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
    await this.#tx.insert(caseEvents).values({ caseId, kind: event.kind, actor: event.actor, data: event.data, at: this.now });
    return toCaseRecord(row, this.#cipher);
  }

  async enqueue(items: OutboxItem[]): Promise<void> {
    // Under the contact's lock: no earlier item of this person's keys can commit unseen.
    addTo(this.claimed, await writeOutbox(this.#tx, this.#cipher, this.#claims, items, this.now));
  }

  async erase(): Promise<void> {
    const id = this.#contact.id;
    await this.#tx.delete(transcriptMessages).where(eq(transcriptMessages.contactId, id));
    await this.#tx.delete(sessions).where(eq(sessions.contactId, id));
    // Cases keep their categories (counts survive erasure); the personal answers go.
    await this.#tx.update(cases).set({ personalEnc: null, updatedAt: this.now }).where(eq(cases.contactId, id));
    await this.#tx.update(contacts).set({ consent: null, erasedAt: this.now, updatedAt: this.now }).where(eq(contacts.id, id));
    this.#contact = { ...this.#contact, consent: null };
    this.#session = null;
  }

  async #updateContact(values: Partial<Pick<typeof contacts.$inferInsert, 'language' | 'consent' | 'reachable'>>): Promise<void> {
    await this.#tx
      .update(contacts)
      .set({ ...values, updatedAt: this.now })
      .where(eq(contacts.id, this.#contact.id));
  }
}

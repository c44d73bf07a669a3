/** CasePageQueries on drizzle: one case with everything a counsellor needs, decrypted here. */
import { asc, desc, eq } from 'drizzle-orm';
import type { CasePageQueries, CaseDetail } from '../dashboard/ports.js';
import type { Scalar } from '../flow/schema.js';
import type { Db } from './client.js';
import type { Cipher } from './crypto.js';
import { caseColumns, toQueueRow } from './queue-queries.js';
import { openEventData } from './event-data.js';
import { openJson } from './rows.js';
import { sealContext } from './sealed.js';
import { caseEvents, caseNotes, cases, contacts, transcriptMessages } from './schema.js';

export function createCasePageQueries(db: Db, cipher: Cipher): CasePageQueries {
  return {
    async summary(reference) {
      const [row] = await db
        .select(caseColumns)
        .from(cases)
        .innerJoin(contacts, eq(contacts.id, cases.contactId))
        .where(eq(cases.reference, reference));
      return row ? toQueueRow(row) : null;
    },

    async detail(reference, transcriptLimit): Promise<CaseDetail | null> {
      const [row] = await db
        .select({
          ...caseColumns,
          contactId: cases.contactId,
          answers: cases.answers,
          personalEnc: cases.personalEnc,
          contactLanguage: contacts.language,
          reachable: contacts.reachable,
          reach: contacts.reach,
          consent: contacts.consent,
        })
        .from(cases)
        .innerJoin(contacts, eq(contacts.id, cases.contactId))
        .where(eq(cases.reference, reference));
      if (!row) return null;
      const events = await Promise.all(
        (
          await db
            .select({ kind: caseEvents.kind, actor: caseEvents.actor, data: caseEvents.data, at: caseEvents.at })
            .from(caseEvents)
            .where(eq(caseEvents.caseId, row.id))
            .orderBy(asc(caseEvents.id))
        ).map(async (e) => ({ ...e, data: await openEventData(cipher, e.data, row.id) })),
      );
      const notes = await db.select().from(caseNotes).where(eq(caseNotes.caseId, row.id)).orderBy(asc(caseNotes.id));
      const transcript = await db
        .select()
        .from(transcriptMessages)
        .where(eq(transcriptMessages.contactId, row.contactId))
        .orderBy(desc(transcriptMessages.id))
        .limit(transcriptLimit);
      const consent = row.consent;
      return {
        ...toQueueRow(row),
        answers: row.answers,
        personal: row.personalEnc === null ? {} : await openJson<Record<string, Scalar>>(cipher, row.personalEnc, sealContext('cases.personal_enc', row.id)),
        erased: row.personalEnc === null,
        contact: {
          channel: row.channel,
          language: row.contactLanguage,
          reachable: row.reachable,
          reach: row.reach,
          consent: consent ? { notice: consent.notice, at: consent.at, sensitive: consent.sensitive } : null,
        },
        events,
        notes: await Promise.all(
          // Notes may name the person: once the case's personal data is erased they are not shown.
          notes.map(async (n) => ({
            author: n.author,
            at: n.at,
            text: n.textEnc === null || row.personalEnc === null ? null : await cipher.decrypt(n.textEnc, sealContext('case_notes.text_enc', n.caseId)),
          })),
        ),
        transcript: (
          await Promise.all(transcript.map(async (t) => ({ direction: t.direction, at: t.at, text: await cipher.decrypt(t.textEnc, sealContext('transcript_messages.text_enc', t.contactId)) })))
        ).reverse(),
      };
    },

    async addNote(caseId, author, text, at) {
      await db.insert(caseNotes).values({ caseId, author, textEnc: await cipher.encrypt(text, sealContext('case_notes.text_enc', caseId)), at });
    },
  };
}

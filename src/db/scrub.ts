/**
 * Removing a person's data from cases, shared by erasure (the person asks) and retention (a closed
 * case's time is up): personal fields, answers, notes and the free text staff wrote on the
 * timeline and in the audit log. The case keeps its categories for the counts.
 */
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { KEPT_FOR_JOURNEY } from '../conversation/erasure-policy.js';
import type { Scalar } from '../flow/schema.js';
import type { Cipher } from './crypto.js';
import { FREE_TEXT_KEYS } from './event-data.js';
import { openJson, sealJson, type Tx } from './rows.js';
import { sealContext } from './sealed.js';
import { auditLog, caseEvents, caseNotes, cases, scheduledJobs, travelPlans } from './schema.js';

const minusFreeText = sql.raw(FREE_TEXT_KEYS.map((k) => ` - '${k}'`).join(''));

/** Scrubs cases entirely: no personal field, no answer, no note, no staff free text left. */
export async function scrubCases(tx: Tx, caseIds: readonly string[], at: Date): Promise<void> {
  if (caseIds.length === 0) return;
  const ids = [...caseIds];
  await tx.update(cases).set({ personalEnc: null, answers: {}, updatedAt: at }).where(inArray(cases.id, ids));
  await scrubStaffText(tx, caseIds);
  // What was arranged goes too: travel details name places and people; reminders that are still to
  // come would write to a person who asked to be forgotten.
  await tx.delete(travelPlans).where(inArray(travelPlans.caseId, ids));
  await tx
    .update(scheduledJobs)
    .set({ finishedAt: at, outcome: 'cancelled', updatedAt: at })
    .where(and(inArray(scheduledJobs.caseId, ids), isNull(scheduledJobs.finishedAt)));
}

/** What staff wrote about the person: notes, status reasons on the timeline and in the audit log. */
async function scrubStaffText(tx: Tx, caseIds: readonly string[]): Promise<void> {
  const ids = [...caseIds];
  const rows = await tx.select({ reference: cases.reference }).from(cases).where(inArray(cases.id, ids));
  await tx.delete(caseNotes).where(inArray(caseNotes.caseId, ids));
  await tx.update(caseEvents).set({ data: sql`${caseEvents.data}${minusFreeText}` }).where(inArray(caseEvents.caseId, ids));
  const references = rows.map((r) => r.reference);
  if (references.length > 0) {
    await tx.update(auditLog).set({ data: sql`${auditLog.data}${minusFreeText}` }).where(inArray(auditLog.target, references));
  }
}

/** Keeps only the fields a journey needs on a case being organised (erasure-policy.ts). */
export async function reduceToJourney(tx: Tx, cipher: Cipher, caseId: string, at: Date): Promise<void> {
  const [row] = await tx.select({ personalEnc: cases.personalEnc }).from(cases).where(eq(cases.id, caseId));
  const personal = row?.personalEnc ? await openJson<Record<string, Scalar>>(cipher, row.personalEnc, sealContext('cases.personal_enc', caseId)) : {};
  const kept = Object.fromEntries(KEPT_FOR_JOURNEY.filter((k) => personal[k] !== undefined).map((k) => [k, personal[k] ?? null]));
  await tx.update(cases).set({ personalEnc: await sealJson(cipher, kept, sealContext('cases.personal_enc', caseId)), answers: {}, updatedAt: at }).where(and(eq(cases.id, caseId)));
  await scrubStaffText(tx, [caseId]);
}

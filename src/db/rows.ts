/** Row <-> port-type mapping shared by the stores. */
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import type { PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { caseKinds, caseQueues, caseStatuses } from '../conversation/case-model.js';
import type { CaseRecord } from '../conversation/ports.js';
import type { Scalar } from '../flow/schema.js';
import type { Schema } from './client.js';
import type { Cipher } from './crypto.js';
import { sealContext } from './sealed.js';
import type { CaseRow } from './schema.js';

export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;

/** Encrypts a JSON value. */
export async function sealJson(cipher: Cipher, value: unknown, context: string): Promise<string> {
  return cipher.encrypt(JSON.stringify(value), context);
}

/**
 * Decrypts a JSON value this code encrypted. AES-GCM authenticates it, so what comes back is what
 * we wrote: the type is asserted, not parsed.
 */
export async function openJson<T>(cipher: Cipher, stored: string, context: string): Promise<T> {
  return JSON.parse(await cipher.decrypt(stored, context)) as T;
}

function oneOf<T extends string>(allowed: readonly T[], value: string, what: string): T {
  const found = allowed.find((a) => a === value);
  if (found === undefined) throw new Error(`database: unknown ${what} "${value}"`);
  return found;
}

export async function toCaseRecord(row: CaseRow, cipher: Cipher): Promise<CaseRecord> {
  return {
    id: row.id,
    reference: row.reference,
    contactId: row.contactId,
    kind: oneOf(caseKinds, row.kind, 'case kind'),
    queue: oneOf(caseQueues, row.queue, 'case queue'),
    status: oneOf(caseStatuses, row.status, 'case status'),
    outcome: row.outcome,
    urgent: row.urgent,
    rules: row.rules,
    route: row.route,
    rulesVersion: row.rulesVersion,
    language: row.language,
    nationality: row.nationality,
    returnCountry: row.returnCountry,
    hostCountry: row.hostCountry,
    answers: row.answers,
    // Erased cases keep their categories but no personal data.
    personal: row.personalEnc === null ? {} : await openJson<Record<string, Scalar>>(cipher, row.personalEnc, sealContext('cases.personal_enc', row.id)),
    assignee: row.assignee,
    version: row.version,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

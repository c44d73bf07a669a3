/**
 * Timeline events keep their categories plain (from, to, template) and the free text staff wrote
 * about a person (a status reason) encrypted: `reason` is stored as `reason_enc` and opened again
 * when read. Erasure removes `reason_enc` with the person.
 */
import type { Scalar } from '../flow/schema.js';
import type { Cipher } from './crypto.js';
import { sealContext } from './sealed.js';

/** Fields of an event that hold free text about a person. */
const FREE_TEXT = ['reason'] as const;

export async function sealEventData(cipher: Cipher, data: Record<string, Scalar>, caseId: string): Promise<Record<string, Scalar>> {
  const sealed: Record<string, Scalar> = { ...data };
  for (const field of FREE_TEXT) {
    const value = sealed[field];
    if (typeof value === 'string' && value !== '') sealed[`${field}_enc`] = await cipher.encrypt(value, sealContext('case_events.reason_enc', caseId));
    delete sealed[field];
  }
  return sealed;
}

export async function openEventData(cipher: Cipher, data: Record<string, Scalar>, caseId: string): Promise<Record<string, Scalar>> {
  const opened: Record<string, Scalar> = { ...data };
  for (const field of FREE_TEXT) {
    const value = opened[`${field}_enc`];
    delete opened[`${field}_enc`];
    if (typeof value === 'string') opened[field] = await cipher.decrypt(value, sealContext('case_events.reason_enc', caseId));
  }
  return opened;
}

/** The keys erasure removes from an event's data. */
export const FREE_TEXT_KEYS: readonly string[] = FREE_TEXT.flatMap((f) => [f, `${f}_enc`]);

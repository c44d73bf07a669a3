/**
 * Helpers for the tests of what comes after an application: a person with an application (consent,
 * language, a case in a status), as the scenario world's `given` makes one.
 */
import { randomUUID } from 'node:crypto';
import type { CaseStatus, Staff } from '../../src/conversation/case-model.js';
import type { CaseRecord, ContactKey } from '../../src/conversation/ports.js';
import type { TestApp } from './app.js';
import { newApplication } from './new-case.js';

export const COORDINATOR: Staff = { id: 'user:coordinator', name: 'coordinator@example.org', role: 'coordinator', protection: true, actorIds: ['user:coordinator'] };
export const COUNSELLOR: Staff = { id: 'user:counsellor', name: 'counsellor@example.org', role: 'counsellor', protection: false, actorIds: ['user:counsellor'] };

export interface Applicant {
  contact: ContactKey;
  record: CaseRecord;
}

/** A person who consented, writes in `language`, with an application in `status` held by `assignee`. */
export async function applicant(
  t: Pick<TestApp, 'stores'>,
  options: { language?: string; status?: CaseStatus; assignee?: string | null; contact?: ContactKey; hostCountry?: string; returnCountry?: string } = {},
): Promise<Applicant> {
  const language = options.language ?? 'en';
  const contact = options.contact ?? { channel: 'web', channelUserId: `after-${randomUUID()}` };
  const record = await t.stores.conversations.withContact(contact, async (tx) => {
    await tx.setLanguage(language);
    await tx.setConsent({ notice: 'test', at: tx.now.toISOString(), purposes: ['counselling', 'statistics'], sensitive: false });
    const returnCountry = options.returnCountry ?? 'IQ';
    const created = await tx.createCase(newApplication({ language, nationality: returnCountry, returnCountry, hostCountry: options.hostCountry ?? 'BA' }));
    const status = options.status ?? 'approved';
    const assignee = options.assignee === undefined ? COUNSELLOR.id : options.assignee;
    const changed = await tx.updateCase(created.id, created.version, { status, assignee }, { kind: 'status_changed', actor: 'test', data: { from: 'submitted', to: status } });
    if (!changed) throw new Error('applicant: the case changed under its lock');
    return changed;
  });
  return { contact, record };
}

/** The texts the person was told outside their turns (the transcript's outgoing lines), oldest first. */
export async function toldTo(t: Pick<TestApp, 'stores'>, contact: ContactKey): Promise<string[]> {
  return (await t.stores.conversations.transcript(contact, 200)).filter((e) => e.direction === 'out').map((e) => e.text);
}

/** Changing a seeded case as it would have changed at some moment (a claim hours later, a status). */
import type { CasePatch, CaseRecord } from '../../src/conversation/ports.js';
import type { Scalar } from '../../src/flow/schema.js';
import type { TestApp } from './app.js';

export async function changeCase(t: Pick<TestApp, 'stores' | 'storesAt'>, caseId: string, patch: CasePatch, at: Date, actor = 'test'): Promise<CaseRecord> {
  const view = await t.stores.cases.byId(caseId);
  if (!view) throw new Error(`changeCase: no case ${caseId}`);
  const kind = patch.status !== undefined ? 'status_changed' : 'assigned';
  const data: Record<string, Scalar> = patch.status !== undefined ? { from: view.status, to: patch.status } : { assignee: patch.assignee ?? '' };
  return t.storesAt(at).conversations.withContact(view.contact, async (tx) => {
    const record = await tx.case(caseId);
    if (!record) throw new Error(`changeCase: case ${caseId} vanished`);
    const changed = await tx.updateCase(caseId, record.version, patch, { kind, actor, data });
    if (!changed) throw new Error(`changeCase: case ${caseId} changed meanwhile`);
    return changed;
  });
}

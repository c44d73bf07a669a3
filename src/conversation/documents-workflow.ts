/**
 * The counsellor keeps a case's documents checklist (the dashboard's case page): the whole list is
 * saved at once, as a case change (case-change.ts), and the person is told in their language how
 * far it is, with the command that shows what each document is and where to get it.
 */
import type { Staff } from './case-model.js';
import { caseChanges, type CaseChangeDeps } from './case-change.js';
import { PLAN_NS } from './appointment-text.js';
import { documentItems, progress, type DocumentItem, type DocumentStatus } from './documents.js';

export interface DocumentsWorkflow {
  /** Saves the checklist; returns false when nothing changed (nobody is told then). */
  save(reference: string, items: ReadonlyArray<{ item: DocumentItem; status: DocumentStatus }>, by: Staff): Promise<boolean>;
}

export function createDocumentsWorkflow(deps: CaseChangeDeps): DocumentsWorkflow {
  const { change } = caseChanges(deps);
  return {
    async save(reference, items, by) {
      const wanted = documentItems.flatMap((item) => items.filter((i) => i.item === item).slice(0, 1));
      return change(reference, by, 'arrange', async ({ tx, record, commit }) => {
        const before = await tx.documents.list(record.id);
        const same = before.length === wanted.length && wanted.every((w) => before.some((b) => b.item === w.item && b.status === w.status));
        if (same) return false;
        await tx.documents.set(record.id, wanted, by.id);
        const { ready, total } = progress(wanted);
        await commit('documents_changed', { ready, total }, [{ type: 'documents.changed', caseId: record.id, ready, total, by }]);
        await deps.teller.tell(tx, total === 0 ? `${PLAN_NS}:documents.cleared` : `${PLAN_NS}:documents.changed`, { ready, total });
        return true;
      });
    },
  };
}

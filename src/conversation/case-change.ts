/**
 * A staff change to what is arranged for a case (an appointment's attendance, the documents
 * checklist, the travel details), made the way the case workflow makes its changes: in the
 * transaction that holds the person's contact, checked against the case model, compare-and-set on
 * the case's version (a change made meanwhile elsewhere is refused, not overwritten), recorded on
 * the timeline, and published as events, all at once.
 */
import { refusal, type CaseAction, type Staff } from './case-model.js';
import { CaseWorkflowError } from './case-workflow-impl.js';
import type { DomainEvent } from './events.js';
import type { CaseRecord, CaseStore, CaseView, ContactTx, ConversationStore, NewCaseEvent } from './ports.js';
import type { Teller } from './tell.js';

export interface CaseChangeDeps {
  cases: CaseStore;
  conversations: ConversationStore;
  teller: Teller;
}

export interface Change {
  tx: ContactTx;
  record: CaseRecord;
  /**
   * Records the change on the case (version + 1, one timeline entry by `by`) and publishes the
   * events; throws `conflict` when the case changed since it was read.
   */
  commit(kind: string, data: NewCaseEvent['data'], events: readonly DomainEvent[]): Promise<void>;
}

export type CaseChanges = <T>(reference: string, by: Staff, action: CaseAction, work: (change: Change) => Promise<T>) => Promise<T>;

/** Runs staff changes to cases (see the module comment). */
export function caseChanges(deps: CaseChangeDeps): { change: CaseChanges; load(reference: string): Promise<CaseView> } {
  async function load(reference: string): Promise<CaseView> {
    const view = await deps.cases.byReference(reference);
    if (!view) throw new CaseWorkflowError('not_found', `no case ${reference}`, { reference });
    return view;
  }

  const change: CaseChanges = async (reference, by, action, work) => {
    const view = await load(reference);
    return deps.conversations.withContact(view.contact, async (tx) => {
      const record = await tx.case(view.id);
      if (!record) throw new CaseWorkflowError('not_found', `no case ${reference}`, { reference });
      const why = refusal(by, action, record);
      if (why) throw new CaseWorkflowError('forbidden', `not allowed on ${reference}: ${why}`, { reason: why });
      return work({
        tx,
        record,
        async commit(kind, data, events) {
          const updated = await tx.updateCase(record.id, record.version, {}, { kind, actor: by.id, data: { by: by.name, ...data } });
          if (!updated) throw new CaseWorkflowError('conflict', `case ${reference} changed meanwhile; try again`, { reference });
          await deps.teller.publish(tx, events);
        },
      });
    });
  };

  return { change, load };
}

/**
 * The case workflow (see case-workflow.ts). Every change runs in the transaction that holds the
 * person's contact: the case is read, checked against the case model, written compare-and-set on
 * its version, and the events and the message to the person are queued with it.
 */
import { plainText } from '../i18n/html.js';
import type { Translator } from '../i18n/translator.js';
import { canMove, caseStatuses, hasLiveLine, holds, refusal, statusRefusal, type CaseAction, type CaseStatus, type Refusal, type Staff } from './case-model.js';
import { checkTemplateValue, TEMPLATES_NAMESPACE, type CaseTemplate } from './case-templates.js';
import { MAX_MESSAGE_CHARS, type CaseWorkflow, type WriteOutcome } from './case-workflow.js';
import type { DomainEvent } from './events.js';
import type { CasePatch, CaseRecord, CaseStore, CaseView, ContactTx, ConversationStore, NewCaseEvent } from './ports.js';
import { deliveryNow } from './contact-reach.js';
import type { Teller } from './tell.js';

/** Locale namespace of what the person is told when their case changes. */
export const NOTICE_NAMESPACE = 'case_notice';

export type CaseWorkflowErrorCode =
  | 'not_found'
  | 'claimed_by_other'
  | 'not_open'
  | 'unknown_status'
  | 'not_allowed'
  | 'unknown_template'
  | 'missing_values'
  | 'unreachable'
  | 'forbidden'
  | 'conflict'
  | 'do_not_message_first'
  | 'bad_values';

/** A caller's mistake (or a race it lost): the tool shows it to the staff member; nothing changed. */
export class CaseWorkflowError extends Error {
  override name = 'CaseWorkflowError';
  constructor(
    readonly code: CaseWorkflowErrorCode,
    message: string,
    /** What the tool may show: who holds the case, which values are missing, why it is refused. */
    readonly detail: Record<string, string> = {},
  ) {
    super(message);
  }
}

export interface CaseWorkflowDeps {
  cases: CaseStore;
  conversations: ConversationStore;
  teller: Teller;
  translator: Translator;
  templates: readonly CaseTemplate[];
  /** The places coordinators keep (verified entries of the services directory): where a canned reply may send someone. */
  places(): Promise<readonly string[]>;
  /**
   * What else a status change sets off, in the same transaction (the follow-up after return starts
   * when a case becomes departed).
   */
  onStatusChanged?: (tx: ContactTx, change: { record: CaseRecord; from: CaseStatus; to: CaseStatus; by: Staff }) => Promise<void>;
}

function refuse(reason: Refusal, reference: string): CaseWorkflowError {
  return new CaseWorkflowError('forbidden', `not allowed on ${reference}: ${reason}`, { reason });
}

function check(by: Staff, action: CaseAction, record: CaseRecord): void {
  const why = refusal(by, action, record);
  if (why) throw refuse(why, record.reference);
}

export function createCaseWorkflow(deps: CaseWorkflowDeps): CaseWorkflow {
  const { teller } = deps;

  async function load(reference: string): Promise<CaseView> {
    const view = await deps.cases.byReference(reference);
    if (!view) throw new CaseWorkflowError('not_found', `no case ${reference}`, { reference });
    return view;
  }

  async function reload(view: CaseView): Promise<CaseView> {
    return (await deps.cases.byId(view.id)) ?? view;
  }

  /** Runs `work` on the case inside its person's transaction. */
  async function onCase<T>(view: CaseView, work: (tx: ContactTx, record: CaseRecord) => Promise<T>): Promise<T> {
    return deps.conversations.withContact(view.contact, async (tx) => {
      const record = await tx.case(view.id);
      if (!record) throw new CaseWorkflowError('not_found', `no case ${view.reference}`, { reference: view.reference });
      return work(tx, record);
    });
  }

  /** Compare-and-set: the case as read, or nothing (someone changed it meanwhile). */
  async function write(tx: ContactTx, record: CaseRecord, patch: CasePatch, event: NewCaseEvent, events: DomainEvent[]): Promise<void> {
    const updated = await tx.updateCase(record.id, record.version, patch, event);
    if (!updated) throw new CaseWorkflowError('conflict', `case ${record.reference} changed meanwhile; try again`, { reference: record.reference });
    await teller.publish(tx, events);
  }

  const timeline = (kind: string, by: Staff, data: NewCaseEvent['data'] = {}): NewCaseEvent => ({ kind, actor: by.id, data: { by: by.name, ...data } });

  async function changeStatus(reference: string, status: CaseStatus, by: Staff, reason?: string): Promise<CaseView> {
    if (!caseStatuses.includes(status)) throw new CaseWorkflowError('unknown_status', `no status "${String(status)}"`, { status: String(status) });
    const view = await load(reference);
    await onCase(view, async (tx, record) => {
      if (record.status === status) return;
      if (!canMove(record.status, status)) {
        throw new CaseWorkflowError('not_allowed', `case ${reference} cannot go from ${record.status} to ${status}`, { from: record.status, to: status });
      }
      const why = statusRefusal(by, record, status);
      if (why) throw refuse(why, reference);
      const data = { from: record.status, to: status, ...(reason ? { reason } : {}) };
      await write(tx, record, { status }, timeline('status_changed', by, data), [
        { type: 'case.status_changed', caseId: record.id, from: record.status, to: status, by, ...(reason ? { reason } : {}) },
      ]);
      await teller.tell(tx, `${NOTICE_NAMESPACE}:status.${status}`, { case_reference: record.reference });
      await deps.onStatusChanged?.(tx, { record, from: record.status, to: status, by });
    });
    return reload(view);
  }

  return {
    async claim(reference, by) {
      const view = await load(reference);
      await onCase(view, async (tx, record) => {
        if (holds(by, record)) return;
        if (record.assignee !== null) {
          throw new CaseWorkflowError('claimed_by_other', `case ${reference} is claimed by someone else`, { assignee: record.assignee });
        }
        if (!hasLiveLine(record.status)) throw new CaseWorkflowError('not_open', `case ${reference} is ${record.status}`, { status: record.status });
        check(by, 'claim', record);
        await write(tx, record, { assignee: by.id }, timeline('claimed', by), [
          { type: 'case.assigned', caseId: record.id, to: by, by, claimed: true },
        ]);
        await teller.tell(tx, `${NOTICE_NAMESPACE}:claimed`, { case_reference: record.reference });
      });
      return reload(view);
    },

    async assign(reference, to, by) {
      const view = await load(reference);
      await onCase(view, async (tx, record) => {
        check(by, 'assign', record);
        // Keep the id the case already carries when it is this person's (claimed in another tool).
        const assignee = to === null ? null : holds(to, record) ? record.assignee : to.id;
        if (assignee === record.assignee) return;
        await write(tx, record, { assignee }, timeline('assigned', by, { assignee: assignee ?? '' }), [
          { type: 'case.assigned', caseId: record.id, to: to === null || assignee === null ? null : { id: assignee, name: to.name }, by, claimed: false },
        ]);
      });
      return reload(view);
    },

    setStatus: changeStatus,

    close: (reference, by) => changeStatus(reference, 'closed', by),

    async sendTemplate(reference, template, by, params = {}) {
      const found = deps.templates.find((t) => t.name === template);
      if (!found) throw new CaseWorkflowError('unknown_template', `no template "${template}"`, { template });
      const missing = found.params.filter((p) => !params[p]?.trim());
      if (missing.length > 0) {
        throw new CaseWorkflowError('missing_values', `template "${template}" needs ${missing.join(', ')}`, { missing: missing.join(',') });
      }
      // Read before the person's transaction opens (one connection on the embedded database).
      const places = found.params.some((p) => found.types[p] === 'place') ? await deps.places() : [];
      const view = await load(reference);
      let english = '';
      await onCase(view, async (tx, record) => {
        check(by, 'send_template', record);
        const values: Record<string, string> = {};
        const bad: string[] = [];
        for (const p of found.params) {
          const checked = checkTemplateValue(found.types[p] ?? 'place', params[p] ?? '', { today: tx.now, places });
          if (checked.ok) values[p] = checked.value;
          else bad.push(p);
        }
        if (bad.length > 0) {
          throw new CaseWorkflowError('bad_values', `template "${template}": ${bad.join(', ')} not valid`, { bad: bad.join(','), places: places.join(' | ') });
        }
        const key = `${TEMPLATES_NAMESPACE}:${template}`;
        english = plainText(deps.translator.t('en', key, values));
        if (!tx.contact.reachable) throw new CaseWorkflowError('unreachable', `the person of ${reference} cannot be reached`, { reference });
        if (deliveryNow(tx.contact, tx.now) === 'hold') {
          throw new CaseWorkflowError('do_not_message_first', `the person of ${reference} asked not to be messaged first on this phone`, { reference });
        }
        const told = (await teller.tell(tx, key, values)) !== null;
        await tx.addCaseEvent(record.id, timeline('template_sent', by, { template, told }));
        await teller.publish(tx, [{ type: 'case.template_sent', caseId: record.id, by, template, english, language: record.language, told }]);
      });
      return english;
    },

    async writeToPerson(input): Promise<WriteOutcome> {
      const view = await deps.cases.byId(input.caseId);
      if (!view) return 'not_live';
      return deps.conversations.withContact(view.contact, async (tx) => {
        if (!(await tx.claimInbound(input.updateId, input.via))) return 'duplicate';
        // Read under the contact's lock: a Close a moment ago ends the line for this message.
        const live = await tx.liveCase();
        // Only the holder's words go out: a colleague's remark in the same place stays internal.
        if (live?.id !== view.id || !holds(input.by, live)) return 'not_live';
        const text = input.text.trim();
        if (text === '') return 'empty';
        if (text.length > MAX_MESSAGE_CHARS) return 'too_long';
        if (!tx.contact.reachable) return 'unreachable';
        if (deliveryNow(tx.contact, tx.now) === 'hold') return 'not_first';
        const told = await teller.tell(tx, `${NOTICE_NAMESPACE}:counsellor_message`, { text }, { receipt: { caseId: view.id, ref: input.ref } });
        if (!told) return 'unreachable';
        if (told.held) return 'held';
        return told.queued > 0 ? 'queued' : 'shown';
      });
    },
  };
}

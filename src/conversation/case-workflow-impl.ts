/**
 * The case workflow: what a counsellor (Slack) or coordinator (dashboard) does to a case. Each change
 * is a case update with its timeline event, then the other views of the case are brought up to date
 * through the outbox (the Slack card), then the migrant is told in their own language.
 */
import { plainText } from '../i18n/html.js';
import type { Translator } from '../i18n/translator.js';
import { isOpenStatus } from './case-lifecycle.js';
import { TEMPLATES_NAMESPACE, type CaseTemplate } from './case-templates.js';
import type { Actor, CaseWorkflow } from './case-workflow.js';
import { caseStatuses, type CaseEvent, type CaseStatus, type CaseStore, type CaseView, type ConversationStore, type OutboxItem } from './ports.js';
import type { ConversationService } from './types.js';

/** Locale namespace of what the migrant is told when their case changes. */
export const NOTICE_NAMESPACE = 'case_notice';

export type CaseWorkflowErrorCode =
  | 'not_found'
  | 'claimed_by_other'
  | 'not_open'
  | 'unknown_status'
  | 'unknown_template'
  | 'missing_values'
  | 'unreachable';

/** A caller's mistake (or a race it lost): the tool shows it to the counsellor; nothing changed. */
export class CaseWorkflowError extends Error {
  override name = 'CaseWorkflowError';
  constructor(
    readonly code: CaseWorkflowErrorCode,
    message: string,
    /** What the tool may show: who holds the case, which values are missing. */
    readonly detail: Record<string, string> = {},
  ) {
    super(message);
  }
}

/** What happened to a case, for the views that follow it. */
export type CaseChange =
  | { kind: 'claimed'; actor: Actor }
  | { kind: 'status'; actor: Actor; from: CaseStatus; to: CaseStatus; reason?: string }
  | { kind: 'template'; actor: Actor; template: string; english: string; told: boolean };

/** Outbox items that bring a view of the case up to date after a change (the Slack card and thread). */
export type CaseFollower = (view: CaseView, change: CaseChange) => OutboxItem[];

export interface CaseWorkflowDeps {
  cases: CaseStore;
  conversations: ConversationStore;
  service: Pick<ConversationService, 'notify'>;
  translator: Translator;
  templates: readonly CaseTemplate[];
  /** Read at call time: channels that are on add theirs while the app is built. */
  followers?: readonly CaseFollower[];
  clock?: () => Date;
}

export function createCaseWorkflow(deps: CaseWorkflowDeps): CaseWorkflow {
  const clock = deps.clock ?? (() => new Date());
  const followers = deps.followers ?? [];
  // Changes to one case run one at a time in this process, so two counsellors pressing Claim at
  // the same moment cannot both win.
  const queues = new Map<string, Promise<unknown>>();

  function serialized<T>(reference: string, work: () => Promise<T>): Promise<T> {
    const before = queues.get(reference) ?? Promise.resolve();
    const run = before.then(work, work);
    const settled = run.catch(() => undefined);
    queues.set(reference, settled);
    void settled.then(() => {
      if (queues.get(reference) === settled) queues.delete(reference);
    });
    return run;
  }

  async function load(reference: string): Promise<CaseView> {
    const view = await deps.cases.byReference(reference);
    if (!view) throw new CaseWorkflowError('not_found', `no case ${reference}`, { reference });
    return view;
  }

  async function follow(view: CaseView, change: CaseChange, at: Date): Promise<void> {
    const items = followers.flatMap((f) => f(view, change));
    if (items.length > 0) await deps.conversations.withContact(view.contact, (tx) => tx.enqueue(items, at));
  }

  const event = (kind: string, actor: Actor, data: CaseEvent['data'], at: Date): CaseEvent => ({
    kind,
    actor: actor.id,
    data: { by: actor.name, ...data },
    at,
  });

  async function changeStatus(reference: string, status: CaseStatus, actor: Actor, reason?: string): Promise<CaseView> {
    if (!caseStatuses.includes(status)) throw new CaseWorkflowError('unknown_status', `no status "${String(status)}"`, { status: String(status) });
    return serialized(reference, async () => {
      const view = await load(reference);
      if (view.status === status) return view;
      const now = clock();
      const data: CaseEvent['data'] = { from: view.status, to: status, ...(reason ? { reason } : {}) };
      const updated = await deps.cases.update(view.id, { status }, event('status_changed', actor, data, now));
      await follow(updated, { kind: 'status', actor, from: view.status, to: status, ...(reason ? { reason } : {}) }, now);
      await deps.service.notify(updated.contact, `${NOTICE_NAMESPACE}:status.${status}`, { case_reference: updated.reference });
      return updated;
    });
  }

  return {
    claim: (reference, actor) =>
      serialized(reference, async () => {
        const view = await load(reference);
        if (view.assignee === actor.id) return view;
        if (view.assignee !== null) {
          throw new CaseWorkflowError('claimed_by_other', `case ${reference} is claimed by someone else`, { assignee: view.assignee });
        }
        if (!isOpenStatus(view.status)) throw new CaseWorkflowError('not_open', `case ${reference} is ${view.status}`, { status: view.status });
        const now = clock();
        const updated = await deps.cases.update(view.id, { assignee: actor.id }, event('claimed', actor, {}, now));
        await follow(updated, { kind: 'claimed', actor }, now);
        await deps.service.notify(updated.contact, `${NOTICE_NAMESPACE}:claimed`, { case_reference: updated.reference });
        return updated;
      }),

    setStatus: changeStatus,

    close: (reference, actor) => changeStatus(reference, 'closed', actor),

    async sendTemplate(reference, template, actor, params = {}) {
      const found = deps.templates.find((t) => t.name === template);
      if (!found) throw new CaseWorkflowError('unknown_template', `no template "${template}"`, { template });
      const missing = found.params.filter((p) => !params[p]?.trim());
      if (missing.length > 0) {
        throw new CaseWorkflowError('missing_values', `template "${template}" needs ${missing.join(', ')}`, { missing: missing.join(',') });
      }
      const values = Object.fromEntries(found.params.map((p) => [p, (params[p] ?? '').trim()]));
      const view = await load(reference);
      if (!view.contact.reachable) throw new CaseWorkflowError('unreachable', `the person of ${reference} blocked the bot`, { reference });
      const key = `${TEMPLATES_NAMESPACE}:${template}`;
      const told = (await deps.service.notify(view.contact, key, values)) !== null;
      const english = plainText(deps.translator.t('en', key, values));
      const now = clock();
      const updated = await deps.cases.update(view.id, {}, event('template_sent', actor, { template, told }, now));
      await follow(updated, { kind: 'template', actor, template, english, told }, now);
      return english;
    },
  };
}

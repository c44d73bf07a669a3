import type { Scalar, Value } from '../../flow/schema.js';
import { scalarOf } from '../../flow/conditions.js';
import type { Content } from '../../flow/content.js';
import { caseKinds, caseQueues, isOpenStatus, type CaseKind, type CaseQueue } from '../case-model.js';
import type { NewCase } from '../ports.js';
import type { EffectContext, EffectHandler } from './types.js';

/**
 * Variables stored encrypted: those the flows mark `personal: true`, and every free-text answer
 * unless a flow says `personal: false` (someone can type a name and a place into any text box).
 */
export function personalVars(content: Content): Set<string> {
  const names = new Set<string>();
  for (const flow of content.flows.values()) {
    for (const node of Object.values(flow.nodes)) {
      if (node.type === 'input' && (node.personal === true || (node.input === 'text' && node.personal !== false))) names.add(node.var);
    }
  }
  return names;
}

/** Variables the system sets (globals, screening results): never answers of the person. */
const SYSTEM_VARS = new Set(['consent', 'can_clear_chat', 'abandoned_days', 'closed_days']);

const str = (v: Value | undefined): string | null => (typeof v === 'string' && v !== '' ? v : null);

function newCase(ctx: EffectContext, kind: CaseKind, queue: CaseQueue, urgent: boolean): NewCase {
  const personal = personalVars(ctx.content);
  const answers: Record<string, Value> = {};
  const secret: Record<string, Scalar> = {};
  // Without consent nothing the person answered is stored on a case (rule R0): a handoff then
  // carries no answers, and the case says so (no consent on record).
  const consented = ctx.tx.contact.consent !== null;
  for (const [name, value] of Object.entries(consented ? ctx.session.vars : {})) {
    // A cleared answer (an abandoned track's, an earlier form's) is no answer: the case never shows it.
    if (value === null || value === '' || SYSTEM_VARS.has(name)) continue;
    if (personal.has(name)) secret[name] = scalarOf(value);
    else answers[name] = value;
  }
  const v = ctx.session.vars;
  const rules = str(v['screening_rules']);
  return {
    kind,
    queue,
    outcome: str(v['screening_outcome']),
    urgent: urgent || v['screening_urgent'] === true,
    rules: rules ? rules.split(',') : [],
    route: str(v['screening_route']),
    rulesVersion: str(v['screening_version']),
    language: ctx.session.language,
    nationality: str(v['citizenship']),
    returnCountry: str(v['destination_country']) ?? str(v['citizenship']),
    hostCountry: str(v['host_country']),
    answers,
    personal: secret,
  };
}


export const createCase: EffectHandler = async (ctx) => {
  const kind = caseKinds.find((k) => k === ctx.params['kind']) ?? 'application';
  const queue = caseQueues.find((q) => q === ctx.params['queue']) ?? (kind === 'protection' ? 'protection' : 'avrr');
  // One open case of a kind per person: sending the application again adds to the open one.
  const open = (await ctx.tx.cases()).find((c) => c.kind === kind && isOpenStatus(c.status));
  if (open) {
    await ctx.tx.addCaseEvent(open.id, { kind: 'submitted_again', actor: 'migrant', data: {} });
    await ctx.publish([{ type: 'case.repeated', caseId: open.id, urgent: false }]);
    return { vars: { case_reference: open.reference } };
  }
  const created = await ctx.tx.createCase(newCase(ctx, kind, queue, ctx.params['urgent'] === true));
  await ctx.tx.addCaseEvent(created.id, { kind: 'created', actor: 'migrant', data: { channel: ctx.tx.contact.channel } });
  await ctx.publish([{ type: 'case.created', caseId: created.id, urgent: created.urgent }]);
  return { vars: { case_reference: created.reference } };
};

/** A person asks for a human. Protection reasons (or `urgent`) go to the protection queue at once. */
export const handoff: EffectHandler = async (ctx) => {
  const urgent = ctx.params['urgent'] === true;
  const reason = str(ctx.params['reason']) ?? 'asked';
  const protection = urgent || reason !== 'asked';
  const kind: CaseKind = protection ? 'protection' : 'question';
  const open = (await ctx.tx.cases()).find((c) => c.kind === kind && isOpenStatus(c.status));
  if (open) {
    // Asking twice (urgently too) must not open two cases: the counsellor sees the repeated request
    // on the timeline and in the card's thread, and an urgent one is flagged again.
    await ctx.tx.addCaseEvent(open.id, { kind: 'handoff_repeated', actor: 'migrant', data: { reason, urgent } });
    await ctx.publish([{ type: 'case.repeated', caseId: open.id, urgent }]);
    return { vars: { case_reference: open.reference } };
  }
  const created = await ctx.tx.createCase(newCase(ctx, kind, protection ? 'protection' : 'general', urgent));
  await ctx.tx.addCaseEvent(created.id, { kind: 'handoff', actor: 'migrant', data: { reason } });
  await ctx.publish([{ type: 'case.created', caseId: created.id, urgent: created.urgent }]);
  return { vars: { case_reference: created.reference } };
};

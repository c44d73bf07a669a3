/**
 * The follow-up actions of the flows: the consent asked before departure (flows/travel.yaml), and the
 * check-in itself (flows/followup.yaml): what is open, one answer at a time (each saved at once, so
 * stopping halfway keeps what was said), stopping. An answer asking for urgent help opens a case in
 * the protection queue at once.
 */
import { PROBLEM_ANSWERS, parseAnswerTo, parseQuestion, questionNames } from '../followup.js';
import { followupJobPrefix } from '../followup-jobs.js';
import { bookedTravel } from './travel.js';
import type { EffectContext, EffectHandler } from './types.js';

export const followupConsent: EffectHandler = async (ctx) => {
  const plan = await bookedTravel(ctx);
  if (!plan) return { vars: {} };
  const yes = ctx.params['consent'] === 'yes';
  await ctx.tx.followup.consent(plan.caseId, yes);
  await ctx.tx.addCaseEvent(plan.caseId, { kind: yes ? 'followup_consent' : 'followup_declined', actor: 'migrant', data: {} });
  return { vars: {} };
};

export const followupOpen: EffectHandler = async (ctx) => {
  const current = await ctx.tx.followup.current();
  const checkin = current?.checkin ?? null;
  return { vars: { fu_active: current !== null, fu_open: checkin !== null, fu_month: checkin?.month ?? 0 } };
};

/** Opens a protection case for urgent help asked in a check-in, from the application's categories. */
async function protectionCase(ctx: EffectContext, caseId: string, month: number): Promise<string | null> {
  const from = await ctx.tx.case(caseId);
  if (!from) return null;
  const created = await ctx.tx.createCase({
    kind: 'protection',
    queue: 'protection',
    outcome: null,
    urgent: true,
    rules: [],
    route: null,
    rulesVersion: null,
    language: ctx.session.language,
    nationality: from.nationality,
    returnCountry: from.returnCountry,
    hostCountry: null,
    answers: {},
    personal: {},
  });
  await ctx.tx.addCaseEvent(created.id, { kind: 'handoff', actor: 'migrant', data: { reason: 'followup_urgent', from: from.reference, month } });
  await ctx.tx.addCaseEvent(caseId, { kind: 'followup_urgent', actor: 'migrant', data: { month, case: created.reference } });
  await ctx.publish([{ type: 'case.created', caseId: created.id, urgent: true }]);
  return created.reference;
}

export const followupAnswer: EffectHandler = async (ctx) => {
  const question = parseQuestion(ctx.params['question']);
  const current = await ctx.tx.followup.current();
  const checkin = current?.checkin;
  const answer = question ? parseAnswerTo(question, ctx.params['value']) : null;
  if (!question || !checkin || answer === null) return { vars: { fu_urgent: false } };
  const urgent = question === 'urgent' && answer === 'yes';
  await ctx.tx.followup.answer(checkin.id, question, answer, urgent);
  const urgentCase = urgent ? await protectionCase(ctx, checkin.caseId, checkin.month) : null;
  if (question === questionNames[questionNames.length - 1]) {
    const answers = { ...checkin.answers, [question]: answer };
    const problems = questionNames.filter((q) => q !== 'urgent' && PROBLEM_ANSWERS[q].includes(answers[q] ?? ''));
    await ctx.tx.addCaseEvent(checkin.caseId, { kind: 'followup_answered', actor: 'migrant', data: { month: checkin.month, problems: problems.join(',') } });
    await ctx.publish([{ type: 'followup.answered', caseId: checkin.caseId, month: checkin.month, problems, urgentCase }]);
  }
  return { vars: { fu_urgent: urgent } };
};

export const followupStop: EffectHandler = async (ctx) => {
  const current = await ctx.tx.followup.current();
  if (!current) return { vars: {} };
  const { caseId } = current.followup;
  await ctx.tx.followup.stop(caseId, 'stopped');
  await ctx.tx.jobs.cancel(followupJobPrefix(caseId));
  await ctx.tx.addCaseEvent(caseId, { kind: 'followup_stopped', actor: 'migrant', data: { reason: 'person' } });
  await ctx.publish([{ type: 'followup.stopped', caseId, reason: 'person' }]);
  return { vars: {} };
};

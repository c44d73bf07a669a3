/**
 * The travel actions of the flows (flows/travel.yaml): the details as the person reads them, and
 * their answer: "I will be there", or a problem, which the counsellor is alerted to at once.
 */
import { parseProblem, type TravelPlan } from '../travel.js';
import { travelParams } from '../travel-text.js';
import { planCase } from './appointments.js';
import type { EffectContext, EffectHandler } from './types.js';

const empty = { travel_when: '', travel_where: '', travel_bring: '', travel_escort: '', followup_asked: true };

/** The booked travel of the person's application, until it is over. */
export async function bookedTravel(ctx: EffectContext): Promise<TravelPlan | null> {
  const record = await planCase(ctx.tx);
  if (record?.status !== 'travel_booked') return null;
  const plan = await ctx.tx.travel.get(record.id);
  return plan && plan.departsAt > ctx.now ? plan : null;
}

export const showTravel: EffectHandler = async (ctx) => {
  const record = await planCase(ctx.tx);
  const plan = await bookedTravel(ctx);
  if (!plan) return { vars: { has_case: record !== null, has_travel: false, ...empty } };
  // The follow-up after return is asked once, separately, before departure.
  const followupAsked = (await ctx.tx.followup.get(plan.caseId)) !== null;
  return { vars: { has_case: true, has_travel: true, followup_asked: followupAsked, ...travelParams(ctx.translator, ctx.session.language, plan) } };
};

export const travelAnswer: EffectHandler = async (ctx) => {
  const plan = await bookedTravel(ctx);
  if (!plan) return { vars: { answered: false } };
  const departsAt = plan.departsAt.toISOString();
  if (ctx.params['answer'] === 'there') {
    await ctx.tx.travel.confirm(plan.caseId);
    await ctx.tx.addCaseEvent(plan.caseId, { kind: 'travel_confirmed', actor: 'migrant', data: { departs_at: departsAt } });
    await ctx.publish([{ type: 'travel.confirmed', caseId: plan.caseId, departsAt }]);
    return { vars: { answered: true } };
  }
  const problem = parseProblem(ctx.params['problem']) ?? 'other';
  await ctx.tx.travel.problem(plan.caseId, problem);
  await ctx.tx.addCaseEvent(plan.caseId, { kind: 'travel_problem', actor: 'migrant', data: { departs_at: departsAt, problem } });
  await ctx.publish([{ type: 'travel.problem_reported', caseId: plan.caseId, departsAt, problem }]);
  return { vars: { answered: true } };
};

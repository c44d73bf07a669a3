import { scalarOf } from '../../flow/conditions.js';
import type { Scalar } from '../../flow/schema.js';
import type { EffectHandler } from './types.js';

/**
 * Runs the screening rules on the answers so far. The flows call it after each question, so a stop
 * rule ends the questions at once (data minimisation), and once more with `final: true`
 * (`unanswered`: the answers the person chose not to give, comma-separated). It also says where
 * returns to the destination stand, so the person is told before any "apply now?".
 */
export const screen: EffectHandler = async (ctx) => {
  const vars: Record<string, Scalar> = {};
  for (const [name, value] of Object.entries(ctx.session.vars)) vars[name] = scalarOf(value);
  const unanswered = typeof ctx.params['unanswered'] === 'string' ? ctx.params['unanswered'].split(',').filter(Boolean) : [];
  const final = ctx.params['final'] === true;
  const result = await ctx.screening.evaluate(vars, final, final ? unanswered : undefined);
  const destination = typeof vars['destination_country'] === 'string' ? await ctx.screening.destination(vars['destination_country']) : null;
  return {
    vars: {
      screening_stop: result.stop,
      screening_outcome: result.outcome ?? '',
      screening_urgent: result.urgent,
      screening_rules: result.rules.join(','),
      screening_route: result.route ?? '',
      screening_version: result.version,
      destination_status: destination?.status ?? '',
      destination_reason: destination?.reason ?? '',
      destination_checked: destination?.checked ?? '',
    },
  };
};

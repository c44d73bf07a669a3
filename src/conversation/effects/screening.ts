import type { EffectHandler } from './types.js';

/**
 * Runs the screening rules on the answers so far. The flows call it after each question, so a stop
 * rule ends the questions at once (data minimisation), and once more with `final: true`.
 */
export const screen: EffectHandler = async (ctx) => {
  const result = await ctx.screening.evaluate(ctx.session.vars, ctx.params['final'] === true);
  return {
    vars: {
      screening_stop: result.stop,
      screening_outcome: result.outcome ?? '',
      screening_urgent: result.urgent,
      screening_rules: result.rules.join(','),
      screening_route: result.route ?? '',
      screening_version: result.version,
    },
  };
};

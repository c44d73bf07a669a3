import { parseReach } from '../contact-reach.js';
import { FlowFault } from '../flow-fault.js';
import type { EffectHandler } from './types.js';

/**
 * The person's answer to "is it safe to contact you on this phone?" becomes the contact's setting
 * (contact-reach.ts): `mode` is `push`, `discreet` or `wait`, or a yes/no answer (yes: push).
 */
export const setPhoneSafety: EffectHandler = async (ctx) => {
  const reach = parseReach(ctx.params['mode']);
  if (reach === null) throw new FlowFault(`set_phone_safety: mode "${String(ctx.params['mode'])}" is not push, discreet, wait, yes or no`);
  await ctx.tx.setReach(reach);
  return { vars: { phone_reach: reach } };
};

import { hasLiveLine } from '../case-model.js';
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
  const before = ctx.tx.contact.reach;
  await ctx.tx.setReach(reach);
  if (reach !== before) {
    // The counsellors' tools show the setting on each case a counsellor may write on.
    const caseIds = (await ctx.tx.cases()).filter((c) => hasLiveLine(c.status)).map((c) => c.id);
    if (caseIds.length > 0) await ctx.publish([{ type: 'contact.reach_changed', caseIds, reach }]);
  }
  return { vars: { phone_reach: reach } };
};

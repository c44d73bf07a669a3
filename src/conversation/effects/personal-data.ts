import { myDataLines } from '../my-data.js';
import type { EffectHandler } from './types.js';

export const recordConsent: EffectHandler = async (ctx) => {
  await ctx.tx.setConsent({
    notice: String(ctx.params['notice'] ?? ''),
    at: ctx.now.toISOString(),
    purposes: ['counselling', 'statistics'],
    sensitive: ctx.params['sensitive'] === true,
  });
  return { vars: {} };
};

export const showStatus: EffectHandler = async (ctx) => {
  const cases = await ctx.tx.cases();
  const latest = cases.find((c) => c.kind === 'application') ?? cases[0];
  return latest
    ? { vars: { has_case: true, case_reference: latest.reference, case_status: latest.status } }
    : { vars: { has_case: false, case_reference: '', case_status: '' } };
};

/** What is stored about the person, as plain lines in their language (escaped when rendered). */
export const showMyData: EffectHandler = async (ctx) => {
  const { tx, session } = ctx;
  const lines = myDataLines(ctx.content, ctx.translator, {
    language: session.language,
    consentAt: tx.contact.consent?.at ?? null,
    reach: tx.contact.reach,
    vars: session.vars,
    cases: await tx.cases(),
  });
  return { vars: { my_data: lines.join('\n') } };
};

/** What was said on the person's device goes too, as far as their channel can remove it. */
export const eraseData: EffectHandler = async (ctx) => {
  const result = await ctx.tx.erase();
  // Copies elsewhere go too: the counsellors' tool removes what it showed of the person.
  await ctx.publish([
    ...result.erased.map((caseId) => ({ type: 'case.erased' as const, caseId, kept: false })),
    ...result.kept.map((caseId) => ({ type: 'case.erased' as const, caseId, kept: true })),
  ]);
  return { vars: {}, erased: true, clearChat: true };
};

/** "Clear this chat": the conversation's messages are removed from the device (recent ones). */
export const clearChat: EffectHandler = async () => ({ vars: {}, clearChat: true });

/**
 * `show_plan`: what is arranged for the person's application, for /status — the travel, the next
 * appointment, the documents checklist; after return, a follow-up check-in waiting for an answer. Pushed reminders may be held back (an unsafe phone, a
 * channel that cannot send first): whenever the person writes, this is where they find it all.
 */
import { plainText } from '../../i18n/html.js';
import { appointmentParams, personZone, PLAN_NS } from '../appointment-text.js';
import { progress } from '../documents.js';
import { planCase } from './appointments.js';
import { bookedTravel } from './travel.js';
import { travelParams } from '../travel-text.js';
import type { EffectContext, EffectHandler } from './types.js';

async function appointmentLine(ctx: EffectContext, caseId: string, hostCountry: string | null): Promise<string | null> {
  const booked = await ctx.tx.appointments.booked(caseId);
  if (!booked || booked.slot.startsAt <= ctx.now) return null;
  const params = appointmentParams(ctx.translator, ctx.session.language, booked.slot, personZone(hostCountry, booked.slot));
  return plainText(ctx.translator.t(ctx.session.language, `${PLAN_NS}:status.appointment`, params));
}

async function documentsLine(ctx: EffectContext, caseId: string): Promise<string | null> {
  const { ready, total } = progress(await ctx.tx.documents.list(caseId));
  if (total === 0) return null;
  return plainText(ctx.translator.t(ctx.session.language, `${PLAN_NS}:status.documents`, { ready, total }));
}

async function travelLine(ctx: EffectContext): Promise<string | null> {
  const plan = await bookedTravel(ctx);
  if (!plan) return null;
  return plainText(ctx.translator.t(ctx.session.language, `${PLAN_NS}:status.travel`, travelParams(ctx.translator, ctx.session.language, plan)));
}

async function checkinLine(ctx: EffectContext): Promise<string | null> {
  const checkin = (await ctx.tx.followup.current())?.checkin;
  return checkin ? plainText(ctx.translator.t(ctx.session.language, `${PLAN_NS}:status.checkin`)) : null;
}

export const showPlan: EffectHandler = async (ctx) => {
  const record = await planCase(ctx.tx);
  const arranged = record ? [await travelLine(ctx), await appointmentLine(ctx, record.id, record.hostCountry), await documentsLine(ctx, record.id)] : [];
  // After return the application is no longer open, but a check-in may be waiting.
  const lines = [...arranged, await checkinLine(ctx)].filter((l): l is string => l !== null);
  return { vars: { has_plan: lines.length > 0, plan_summary: lines.join('\n') } };
};

/**
 * `show_documents` (flows/documents.yaml): the person's checklist in their language, each document
 * with what it is and where to get it, and how many are ready.
 */
import { plainText } from '../../i18n/html.js';
import { PLAN_NS } from '../appointment-text.js';
import { progress } from '../documents.js';
import { planCase } from './appointments.js';
import type { EffectHandler } from './types.js';

export const showDocuments: EffectHandler = async (ctx) => {
  const record = await planCase(ctx.tx);
  const lines = record ? await ctx.tx.documents.list(record.id) : [];
  const { ready, total } = progress(lines);
  const t = (key: string, params: Record<string, string> = {}) => plainText(ctx.translator.t(ctx.session.language, `${PLAN_NS}:documents.${key}`, params));
  const text = lines.map((l) => {
    const name = t(`item.${l.item}.name`);
    return l.status === 'ready'
      ? t('line_ready', { name })
      : t('line_needed', { name, what: t(`item.${l.item}.what`), where: t(`item.${l.item}.where`) });
  });
  return { vars: { has_case: record !== null, has_documents: total > 0, documents_ready: ready, documents_total: total, documents_list: text.join('\n\n') } };
};

import { withdrawableStatuses } from '../case-model.js';
import { placeNames } from '../../engine/place.js';
import type { EffectHandler } from './types.js';

/** "Voluntary" means the person may withdraw at any time until departure. */
export const withdrawCase: EffectHandler = async (ctx) => {
  const open = (await ctx.tx.cases()).find((c) => c.kind === 'application' && withdrawableStatuses.includes(c.status));
  if (!open) return { vars: { withdrawn: false, case_reference: '' } };
  // The contact's lock is held: nobody else can change the case between the read and this write.
  const changed = await ctx.tx.updateCase(open.id, open.version, { status: 'withdrawn' }, {
    kind: 'status_changed',
    actor: 'migrant',
    data: { from: open.status, to: 'withdrawn', reason: 'withdrawn by the migrant in the chat' },
  });
  if (!changed) throw new Error(`withdraw: case ${open.reference} changed under the contact's lock`);
  await ctx.publish([{ type: 'case.withdrawn', caseId: open.id, from: open.status }]);
  return { vars: { withdrawn: true, case_reference: open.reference } };
};

/** The services directory for a country (and a place in it), as plain lines in the person's language. */
export const showServices: EffectHandler = async (ctx) => {
  const country = typeof ctx.params['country'] === 'string' ? ctx.params['country'] : '';
  const place = typeof ctx.params['place'] === 'string' && ctx.params['place'] !== '' ? ctx.params['place'] : null;
  const entries = country ? await ctx.directory.find(country, place) : [];
  // The topic in the person's language; `what` is the staff's English detail, not shown here.
  const topic = (e: { topic: string }): string => ctx.translator.label(ctx.session.language, `service_topic:${e.topic}`);
  // A place field may list aliases ("Beograd / Belgrade"): the first is the name people read.
  const shown = (place: string | null): string => (place ? (placeNames(place)[0] ?? place) : '');
  const lines = entries.slice(0, 12).map((e) => `• ${e.name}${e.place ? ` (${shown(e.place)})` : ''}: ${topic(e)}.${e.contact ? ` ${e.contact}` : ''}`);
  return { vars: { services_found: entries.length > 0, services_list: lines.join('\n') } };
};

import { withdrawableStatuses } from '../case-model.js';
import { foldPlace, placeNames } from '../../engine/place.js';
import { parse } from 'yaml';
import { DIRECTORY_FILE, directoryFileSchema, forAudience, type Audience, type DirectoryFileEntry } from '../directory-from-data.js';
import { canonicalPlace } from '../place-names.js';
import type { DirectoryEntry } from '../ports.js';
import { hoursText } from '../sourced.js';
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

const seeds = new WeakMap<object, DirectoryFileEntry[]>();

/** The seed file's entry for a live one, when the contact is still the one checked there (its hours hold). */
function seedOf(data: Readonly<Record<string, string>>, e: DirectoryEntry): DirectoryFileEntry | undefined {
  let held = seeds.get(data);
  if (!held) {
    const text = data[DIRECTORY_FILE];
    held = text ? directoryFileSchema.parse(parse(text)).services : [];
    seeds.set(data, held);
  }
  const samePlace = (a: string | null, b: string | null): boolean => (a === null ? b === null : b !== null && foldPlace(a) === foldPlace(b));
  return held.find((s) => s.verified && s.country === e.country && s.name === e.name && samePlace(s.place, e.place) && s.contact === e.contact);
}

/**
 * The services directory for a country (and a place in it), as plain lines in the person's language.
 * `audience` leaves out what is only for the others (returnees do not see asylum or foreigners'
 * registration). A place is matched by any of its names (places.yaml) in either script.
 */
export const showServices: EffectHandler = async (ctx) => {
  const country = typeof ctx.params['country'] === 'string' ? ctx.params['country'] : '';
  const typed = typeof ctx.params['place'] === 'string' && ctx.params['place'] !== '' ? ctx.params['place'] : null;
  const audience: Audience | null = ctx.params['audience'] === 'returnee' || ctx.params['audience'] === 'migrant' ? ctx.params['audience'] : null;
  const place = typed && country ? canonicalPlace(ctx.content.data, country, typed) : typed;
  const entries = (country ? await ctx.directory.find(country, place) : []).filter((e) => forAudience(e.topic, audience));
  const lang = ctx.session.language;
  const label = (key: string, params: Record<string, string> = {}): string => ctx.translator.label(lang, key, params);
  // The topic in the person's language; `what` is the staff's English detail, not shown here.
  const line = (e: DirectoryEntry): string => {
    const hours = e.contact ? seedOf(ctx.content.data, e)?.hours : undefined;
    const contact = e.contact ? ` ${e.contact}${hours ? ` (${hoursText(hours, label)})` : ''}` : '';
    return `• ${e.name}${e.place ? ` (${placeNames(e.place)[0] ?? e.place})` : ''}: ${label(`service_topic:${e.topic}`)}.${contact}`;
  };
  const lines = entries.slice(0, 12).map(line);
  return { vars: { services_found: entries.length > 0, services_list: lines.join('\n') } };
};

import { countryName } from '../../engine/country.js';
import { numbersOf, shownNumbers, type HelpNumber } from '../numbers-from-data.js';
import { hoursText } from '../sourced.js';
import type { EffectHandler } from './types.js';

/** The host countries, in the order the bot names them when it does not know where the person is. */
const COUNTRIES = ['BA', 'RS'] as const;

/**
 * The help numbers for the country the person is in (`country`), emergency lines first, then the
 * `kinds` asked for (comma-separated; all when none). Without a country: the emergency lines of
 * every host country, each under its name. Plain lines in the person's language.
 */
export const showNumbers: EffectHandler = async (ctx) => {
  const lang = ctx.session.language;
  const label = (key: string, params: Record<string, string> = {}): string => ctx.translator.label(lang, key, params);
  const country = typeof ctx.params['country'] === 'string' && ctx.params['country'] !== '' ? ctx.params['country'] : null;
  const kinds = typeof ctx.params['kinds'] === 'string' ? ctx.params['kinds'].split(',').map((k) => k.trim()).filter(Boolean) : [];
  const numbers = numbersOf(ctx.content.data);
  const line = (n: HelpNumber): string => {
    let kind = label(`numbers:kind_${n.kind}`);
    if (n.name) kind = label('numbers:kind_named', { kind, name: n.name });
    if (n.area) kind = label('numbers:kind_in_area', { kind, area: label(`numbers:area_${n.area}`) });
    const when = [n.free ? label('numbers:free') : '', n.hours ? hoursText(n.hours, label) : ''].filter(Boolean).join(', ');
    return `• ${label(when ? 'numbers:line' : 'numbers:line_plain', { kind, number: n.number, when })}`;
  };
  const countries = country && (COUNTRIES as readonly string[]).includes(country) ? [country] : [...COUNTRIES];
  const blocks = countries.map((c) => {
    const lines = shownNumbers(numbers, c, country ? kinds : ['emergency', 'police', 'ambulance']).map(line);
    return countries.length > 1 && lines.length > 0 ? [`${countryName(c, lang)}:`, ...lines].join('\n') : lines.join('\n');
  });
  return { vars: { numbers_list: blocks.filter(Boolean).join('\n') } };
};

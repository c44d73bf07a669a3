/** How the travel reads to the person: the time where they leave from, the place, what to bring, who goes with them. */
import { plainText } from '../i18n/html.js';
import type { Translator } from '../i18n/translator.js';
import { PLAN_NS } from './appointment-text.js';
import { formatWhen } from './local-time.js';
import type { TravelPlan } from './travel.js';

/** "a, b and c" in the reader's language (a CLDR locale: Romani reads as Serbian Latin). */
function list(items: string[], language: string): string {
  try {
    return new Intl.ListFormat(language, { type: 'conjunction' }).format(items);
  } catch {
    return items.join(', ');
  }
}

export function travelParams(t: Translator, language: string, plan: TravelPlan): Record<string, string> {
  const text = (key: string) => plainText(t.t(language, `${PLAN_NS}:travel.${key}`));
  return {
    travel_when: formatWhen(plan.departsAt, t.locale(language), plan.timeZone),
    travel_where: plan.meetingPoint,
    travel_bring: plan.bring.length > 0 ? list(plan.bring.map((item) => text(`bring.${item}`)), t.locale(language)) : text('bring_nothing'),
    travel_escort: plan.escort.trim() !== '' ? plan.escort : text('no_escort'),
  };
}

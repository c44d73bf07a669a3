/** Names for codes shown on pages: countries, languages, statuses, outcomes, queues. */
import { countryName } from '../engine/country.js';
import type { Language } from '../flow/languages.js';
import type { Text } from './text.js';

export interface Labels {
  country(code: string | null): string;
  language(tag: string | null): string;
  status(status: string): string;
  outcome(outcome: string | null): string;
  queue(queue: string): string;
  kind(kind: string): string;
}

export function createLabels(t: Text, languages: readonly Language[]): Labels {
  const coded = (prefix: string, value: string) => t.or(`${prefix}.${value}`, value);
  return {
    country: (code) => (code ? `${countryName(code, t.language)} (${code})` : '—'),
    language: (tag) => (tag ? (languages.find((l) => l.tag === tag)?.english ?? tag) : '—'),
    status: (status) => coded('status', status),
    outcome: (outcome) => (outcome ? coded('outcome', outcome) : t('outcome.none')),
    queue: (queue) => coded('queue_name', queue),
    kind: (kind) => coded('kind', kind),
  };
}

/**
 * What the rules can see of a set of answers: the values (answers plus derived variables) and which
 * variables are *known*. An answered variable is known; so is one that is not asked in this
 * situation (`asked_when` is decided and false): it reads as null, and the rules are written so that
 * null counts as "no". A variable that may still be asked is unknown, and a rule that reads it is
 * undecided: a missing answer is never taken for "no".
 */
import { holds, readsOf } from '../flow/conditions.js';
import type { Condition, Scalar } from '../flow/schema.js';
import type { AnswerValues, DerivedId } from './answers.js';
import type { CountryList, DestinationList, DestinationStatus, RuleSet } from './schema.js';

export interface View {
  vars: Readonly<Record<string, Scalar>>;
  known(name: string): boolean;
  /** The answers to ask next before `name` is known: itself, or what decides whether it is asked. */
  missing(name: string): string[];
}

export interface ListsInput {
  euEea: CountryList;
  destinations: DestinationList;
}

/** The source answer of each derived variable: known when it is. */
export const derivedFrom: Record<DerivedId, string> = {
  citizenship_eu_eea: 'citizenship',
  destination_status: 'destination_country',
};

function derive(answers: AnswerValues, lists: ListsInput): Record<DerivedId, Scalar> {
  const citizenship = answers.citizenship;
  const destination = answers.destination_country;
  let status: DestinationStatus | null = null;
  if (typeof destination === 'string') {
    status = lists.destinations.entries.find((e) => e.country === destination)?.status ?? 'open';
  }
  return {
    citizenship_eu_eea: typeof citizenship === 'string' ? lists.euEea.codes.includes(citizenship) : null,
    destination_status: status,
  };
}

export function viewOf(answers: AnswerValues, rules: RuleSet, lists: ListsInput): View {
  const vars: Record<string, Scalar> = {};
  for (const [name, value] of Object.entries(answers)) if (value !== undefined && value !== null) vars[name] = value;
  Object.assign(vars, derive(answers, lists));
  const memo = new Map<string, boolean>();

  function known(name: string): boolean {
    const cached = memo.get(name);
    if (cached !== undefined) return cached;
    memo.set(name, false); // a cycle (rejected on load) would read as unknown
    let result: boolean;
    if (name in derivedFrom) result = known(derivedFrom[name as DerivedId]);
    else if (vars[name] !== undefined) result = true;
    else {
      const askedWhen = rules.asked_when[name];
      result = askedWhen !== undefined && decided(askedWhen) && !holds(askedWhen, vars);
    }
    memo.set(name, result);
    return result;
  }
  const decided = (condition: Condition): boolean => readsOf(condition).every(known);

  function missing(name: string): string[] {
    if (known(name)) return [];
    if (name in derivedFrom) return missing(derivedFrom[name as DerivedId]);
    const askedWhen = rules.asked_when[name];
    if (askedWhen === undefined || decided(askedWhen)) return [name];
    return readsOf(askedWhen).flatMap(missing);
  }
  return { vars, known, missing };
}

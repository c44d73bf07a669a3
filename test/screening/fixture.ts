/** The real rule files, and a baseline set of answers that gives LIKELY_ELIGIBLE. */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { RULE_FILES, loadRules, type AnswerValues, type LoadedRules, type RuleTexts } from '../../src/screening/index.js';

const root = resolve(import.meta.dirname, '../..');

export function ruleTexts(): RuleTexts {
  return Object.fromEntries(
    Object.entries(RULE_FILES).map(([key, file]) => [key, readFileSync(join(root, file), 'utf8')]),
  ) as RuleTexts;
}

export const data: LoadedRules = loadRules(ruleTexts());

/** A migrant from Pakistan in BiH going home: nothing stands in the way. */
export const baseline = {
  track: 'migrant',
  consent: true,
  danger_now: false,
  forced_work_or_debt: false,
  fear_of_return: false,
  age: 30,
  pressure: 'none',
  host_country: 'BA',
  citizenship: 'PK',
  destination_country: 'PK',
  previous_assisted_return: false,
  must_stay_by_authority: 'no',
  asylum_application_lodged: 'no',
  can_pay_own_travel: false,
  identity_document: 'valid_passport',
  medical_needs: false,
  travelling_with_children: false,
  travelling_with_vulnerable_adults: false,
} as const satisfies AnswerValues;

/** A citizen of Serbia returned to Serbia. */
export const returnee = {
  track: 'returnee',
  consent: true,
  danger_now: false,
  host_country: 'RS',
  citizenship: 'RS',
  returned_from_conflict_zone: false,
} as const satisfies AnswerValues;

export const VERSION = 'rules@2026-11-23.1+destinations@2';

/** The baseline with some answers changed; `undefined` removes an answer. */
export function answers(changes: Record<string, string | number | boolean | undefined>): AnswerValues {
  const result: Record<string, string | number | boolean> = { ...baseline };
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined) delete result[key];
    else result[key] = value;
  }
  return result;
}

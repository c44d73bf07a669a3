/**
 * evaluatePartial, as the chat flow calls it after each answer: the questions end at once when a
 * stop rule fires, a rule never fires on an unanswered question, and a stop is final.
 */
import { describe, expect, it } from 'vitest';
import { ANSWER_IDS, evaluate, evaluatePartial, type AnswerValues } from '../../src/screening/index.js';
import { answers, baseline, data, returnee } from './fixture.js';

/** Asks the answers one by one in eligibility.md's order; the prefix length at the first stop. */
function askInOrder(given: AnswerValues): { askedUntil: string | null; partial: ReturnType<typeof evaluatePartial> } {
  const soFar: Record<string, string | number | boolean> = {};
  for (const id of ANSWER_IDS) {
    const value = given[id];
    if (value === undefined || value === null) continue;
    soFar[id] = value;
    const partial = evaluatePartial(soFar, data);
    if (partial.stopped) return { askedUntil: id, partial };
  }
  return { askedUntil: null, partial: { stopped: false } };
}

describe('evaluatePartial', () => {
  it.each([
    ['R0', { consent: false }, 'consent'],
    ['R1', { danger_now: true }, 'danger_now'],
    ['R2', { forced_work_or_debt: true }, 'forced_work_or_debt'],
    ['R3', { fear_of_return: true }, 'fear_of_return'],
    ['R4', { age: 16, with_parent_or_guardian: false }, 'with_parent_or_guardian'],
    ['R5', { pressure: 'family_or_others' }, 'pressure'],
    ['R6a', { citizenship: 'BA', destination_country: 'BA' }, 'citizenship'],
    ['R7', { citizenship: 'AT', destination_country: 'AT' }, 'citizenship'],
    ['R8', { destination_country: 'TR', has_residence_in_destination: false }, 'has_residence_in_destination'],
  ] as Array<[string, Record<string, string | number | boolean>, string]>)(
    '%s stops the questions right after %o',
    (rule, changes, last) => {
      const given = answers(changes);
      const { askedUntil, partial } = askInOrder(given);
      expect(askedUntil).toBe(last);
      expect(partial).toEqual({ stopped: true, result: evaluate(given, data) });
      if (partial.stopped) expect(partial.result.rules).toEqual([rule]);
    },
  );

  it('stops a returnee right after the conflict-zone question', () => {
    const { askedUntil, partial } = askInOrder({ ...returnee, returned_from_conflict_zone: true });
    expect(askedUntil).toBe('returned_from_conflict_zone');
    expect(partial.stopped && partial.result.rules).toEqual(['R6b']);
  });

  it('never stops for flags: those are for the final evaluation', () => {
    expect(askInOrder(baseline).partial).toEqual({ stopped: false });
    expect(askInOrder(answers({ medical_needs: true, identity_document: 'none' })).partial).toEqual({ stopped: false });
    expect(evaluatePartial(baseline, data)).toEqual({ stopped: false });
  });

  it.each([
    ['nothing answered', {}],
    ['consent not answered yet', { track: 'migrant', danger_now: true }],
    ['a child, guardian not answered yet', { track: 'migrant', consent: true, danger_now: false, forced_work_or_debt: false, fear_of_return: false, age: 15 }],
    ['citizenship without host country', { ...answers({ host_country: undefined, citizenship: 'BA' }) }],
    ['a third country, residence not answered yet', { ...answers({ destination_country: 'TR' }) }],
    ['a one-track rule while the track is unknown', { consent: true, danger_now: false, forced_work_or_debt: true }],
  ] as Array<[string, AnswerValues]>)('does not fire on missing answers: %s', (_name, given) => {
    expect(evaluatePartial(given, data)).toEqual({ stopped: false });
  });

  it('does not stop on a later rule while an earlier stop rule is still open', () => {
    // Citizenship and host country asked early: R6a holds, but R2..R5 could still come first.
    const early = { track: 'migrant', consent: true, danger_now: false, host_country: 'BA', citizenship: 'BA' };
    expect(evaluatePartial(early, data)).toEqual({ stopped: false });
    const later = { ...early, forced_work_or_debt: false, fear_of_return: false, age: 40, pressure: 'none' };
    expect(evaluatePartial(later, data)).toMatchObject({ stopped: true, result: { rules: ['R6a'] } });
  });

  it('stops on R1 before the track is known (it applies on both)', () => {
    expect(evaluatePartial({ consent: true, danger_now: true }, data)).toMatchObject({
      stopped: true,
      result: { outcome: 'REFER_PROTECTION', urgent: true, rules: ['R1'] },
    });
  });

  it('an adult is never asked about a guardian', () => {
    const adult = { track: 'migrant', consent: true, danger_now: false, forced_work_or_debt: false, fear_of_return: false, age: 18 };
    expect(evaluatePartial({ ...adult, pressure: 'family_or_others' }, data)).toMatchObject({ stopped: true, result: { rules: ['R5'] } });
  });

  it('a stop is final: random complete answer sets, asked in order, agree with evaluate', () => {
    let seed = 42;
    const rand = (): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const pick = <T>(values: readonly T[]): T => values[Math.floor(rand() * values.length)]!;
    const yes = (p: number): boolean => rand() < p;
    let stopped = 0;
    for (let i = 0; i < 1000; i++) {
      const track = yes(0.2) ? 'returnee' : 'migrant';
      const citizenship = pick(['BA', 'RS', 'PK', 'AF', 'SY', 'DE', 'MA', 'NO']);
      const given: Record<string, string | number | boolean> = {
        track,
        consent: yes(0.95),
        danger_now: yes(0.1),
        host_country: pick(['BA', 'RS']),
        citizenship,
      };
      if (track === 'returnee') given['returned_from_conflict_zone'] = yes(0.3);
      else {
        const age = pick([10, 17, 18, 35]);
        const destination = yes(0.7) ? citizenship : pick(['TR', 'AF', 'DE', 'PK']);
        Object.assign(given, {
          forced_work_or_debt: yes(0.1),
          fear_of_return: yes(0.1),
          age,
          pressure: pick(['none', 'none', 'family_or_others', 'authorities']),
          destination_country: destination,
          previous_assisted_return: yes(0.2),
          must_stay_by_authority: pick(['yes', 'no', 'unsure']),
          asylum_application_lodged: pick(['yes', 'no', 'unsure']),
          can_pay_own_travel: yes(0.2),
          identity_document: pick(['valid_passport', 'expired_passport', 'national_id', 'birth_certificate', 'copy_only', 'none']),
          medical_needs: yes(0.2),
          travelling_with_children: yes(0.2),
          travelling_with_vulnerable_adults: yes(0.2),
        });
        if (age < 18) given['with_parent_or_guardian'] = yes(0.5);
        if (destination !== citizenship) given['has_residence_in_destination'] = yes(0.5);
      }
      const full = evaluate(given, data);
      const { partial } = askInOrder(given);
      const isStop = full.outcome === null || full.outcome === 'REFER_PROTECTION' || full.outcome === 'NOT_ELIGIBLE';
      expect(partial.stopped).toBe(isStop);
      if (partial.stopped) {
        expect(partial.result).toEqual(full);
        stopped++;
      }
    }
    expect(stopped).toBeGreaterThan(100);
  });
});

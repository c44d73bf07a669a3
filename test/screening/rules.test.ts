/** The rule table of eligibility.md, rule by rule, and the order between stop rules and flags. */
import { describe, expect, it } from 'vitest';
import {
  IncompleteAnswersError,
  evaluate,
  ruleReads,
  type DestinationList,
  type ScreeningResult,
} from '../../src/screening/index.js';
import { VERSION, answers, baseline, data, returnee } from './fixture.js';

type Changes = Record<string, string | number | boolean | undefined>;

const result = (outcome: ScreeningResult['outcome'], rules: string[], route: string | null = null, urgent = false): ScreeningResult => ({
  outcome,
  urgent,
  rules,
  route,
  version: VERSION,
});

/** The answers that make each stop rule fire from the baseline. */
const stopCases: Array<[string, Changes, ScreeningResult]> = [
  ['R1', { danger_now: true }, result('REFER_PROTECTION', ['R1'], null, true)],
  ['R2', { forced_work_or_debt: true }, result('REFER_PROTECTION', ['R2'])],
  ['R3', { fear_of_return: true }, result('REFER_PROTECTION', ['R3'], 'asylum_info')],
  ['R4', { age: 15, with_parent_or_guardian: false }, result('REFER_PROTECTION', ['R4'], 'child_protection')],
  ['R5', { pressure: 'family_or_others' }, result('REFER_PROTECTION', ['R5'])],
  ['R6a', { citizenship: 'BA', destination_country: 'BA' }, result('NOT_ELIGIBLE', ['R6a'], 'returnee_services')],
  [
    'R6b',
    { citizenship: 'BA', destination_country: 'BA', returned_from_conflict_zone: true },
    result('REFER_PROTECTION', ['R6b'], 'returnee_services'),
  ],
  ['R7', { citizenship: 'DE', destination_country: 'DE' }, result('NOT_ELIGIBLE', ['R7'])],
  ['R8', { destination_country: 'TR', has_residence_in_destination: false }, result('NOT_ELIGIBLE', ['R8'], 'third_country')],
];

/** The answers that make each flag rule fire from the baseline. */
const flagCases: Array<[string, Changes]> = [
  ['R5b', { pressure: 'authorities' }],
  ['R9', { citizenship: 'AF', destination_country: 'AF' }],
  ['R10', { previous_assisted_return: true }],
  ['R11', { must_stay_by_authority: 'yes' }],
  ['R12', { asylum_application_lodged: 'yes' }],
  ['R13', { can_pay_own_travel: true }],
  ['R14', { identity_document: 'none' }],
  ['R15', { medical_needs: true }],
  ['R16', { travelling_with_children: true }],
];

const allFlags: Changes = Object.assign({}, ...flagCases.map(([, changes]) => changes));

describe('each rule on its own', () => {
  it('R17: the baseline is likely eligible', () => {
    expect(evaluate(baseline, data)).toEqual(result('LIKELY_ELIGIBLE', ['R17']));
  });

  it.each(stopCases)('%s stops with its outcome', (_id, changes, expected) => {
    expect(evaluate(answers(changes), data)).toEqual(expected);
  });

  it.each(flagCases)('%s flags for counsellor review', (id, changes) => {
    expect(evaluate(answers(changes), data)).toEqual(result('COUNSELLOR_REVIEW', [id]));
  });

  it.each([
    ['R11', { must_stay_by_authority: 'unsure' }, ['R11']],
    ['R12', { asylum_application_lodged: 'unsure' }, ['R12']],
    ['R16', { travelling_with_vulnerable_adults: true }, ['R16']],
    ['R16', { travelling_with_children: true, travelling_with_vulnerable_adults: true }, ['R16']],
  ] as Array<[string, Changes, string[]]>)('%s also fires on %o', (_id, changes, rules) => {
    expect(evaluate(answers(changes), data)).toEqual(result('COUNSELLOR_REVIEW', rules));
  });

  it.each([
    { identity_document: 'expired_passport' },
    { identity_document: 'copy_only' },
    { identity_document: 'national_id' },
    { identity_document: 'birth_certificate' },
    { pressure: 'none' },
  ])('nothing fires on %o', (changes) => {
    expect(evaluate(answers(changes), data)).toEqual(result('LIKELY_ELIGIBLE', ['R17']));
  });
});

describe('order between the rules', () => {
  const ids = stopCases.map(([id]) => id);
  const pairs = stopCases.flatMap(([first, a], i) =>
    stopCases.slice(i + 1).flatMap(([second, b]) => {
      // R6a and R6b exclude each other: one needs the conflict-zone answer to be yes, the other not.
      const exclusive = first === 'R6a' && second === 'R6b';
      const clash = exclusive || Object.keys(a).some((key) => key in b && a[key] !== b[key]);
      return clash ? [] : [[first, second, { ...a, ...b }] as [string, string, Changes]];
    }),
  );

  it('combines most pairs of stop rules', () => {
    expect(pairs.length).toBeGreaterThanOrEqual(25);
  });

  it.each(pairs)('%s beats %s', (first, _second, changes) => {
    expect(evaluate(answers(changes), data).rules).toEqual([first]);
  });

  it.each([
    ['R2', 'R7', { forced_work_or_debt: true, citizenship: 'DE', destination_country: 'DE' }],
    ['R6a', 'R8', { citizenship: 'BA', destination_country: 'PK' }],
    ['R7', 'R8', { citizenship: 'DE', destination_country: 'PK' }],
    ['R4', 'R7', { age: 12, with_parent_or_guardian: false, citizenship: 'FR', destination_country: 'FR' }],
  ] as Array<[string, string, Changes]>)('%s beats %s', (first, _second, changes) => {
    expect(evaluate(answers(changes), data).rules).toEqual([first]);
  });

  it('the first stop rule wins when all fire', () => {
    const all = { ...Object.assign({}, ...stopCases.map(([, c]) => c)), danger_now: true };
    expect(evaluate(answers(all), data)).toEqual(result('REFER_PROTECTION', ['R1'], null, true));
    expect(ids[0]).toBe('R1');
  });

  it.each(stopCases)('flags do not count when %s stops', (_id, changes, expected) => {
    expect(evaluate(answers({ ...allFlags, ...changes }), data)).toEqual(expected);
  });

  it('collects every flag, in table order (R5b first)', () => {
    expect(evaluate(answers(allFlags), data)).toEqual(
      result('COUNSELLOR_REVIEW', ['R5b', 'R9', 'R10', 'R11', 'R12', 'R13', 'R14', 'R15', 'R16']),
    );
    expect(evaluate(answers({ medical_needs: true, previous_assisted_return: true }), data).rules).toEqual(['R10', 'R15']);
  });
});

describe('R4: unaccompanied children', () => {
  it.each([
    [{ age: 17, with_parent_or_guardian: false }, ['R4']],
    [{ age: 0, with_parent_or_guardian: false }, ['R4']],
    [{ age: 17, with_parent_or_guardian: true }, ['R17']],
    [{ age: 18 }, ['R17']],
    [{ age: 18, with_parent_or_guardian: false }, ['R17']],
    [{ age: 45, with_parent_or_guardian: false }, ['R17']],
  ] as Array<[Changes, string[]]>)('%o gives %o', (changes, rules) => {
    expect(evaluate(answers(changes), data).rules).toEqual(rules);
  });

  it('a child whose guardian question is unanswered is not decided', () => {
    expect(() => evaluate(answers({ age: 17 }), data)).toThrow(IncompleteAnswersError);
  });
});

describe('R6a and R6b: citizens of the host country', () => {
  it.each([
    [{ ...returnee }, result('NOT_ELIGIBLE', ['R6a'], 'returnee_services')],
    [{ ...returnee, returned_from_conflict_zone: true }, result('REFER_PROTECTION', ['R6b'], 'returnee_services')],
    [{ ...returnee, host_country: 'BA', citizenship: 'BA' }, result('NOT_ELIGIBLE', ['R6a'], 'returnee_services')],
  ])('returnee %o', (given, expected) => {
    expect(evaluate(given, data)).toEqual(expected);
  });

  it('on the migrant track, a citizen is routed to returnee services (the conflict-zone question is not asked)', () => {
    expect(evaluate(answers({ citizenship: 'BA', destination_country: 'BA' }), data)).toEqual(
      result('NOT_ELIGIBLE', ['R6a'], 'returnee_services'),
    );
  });

  it('a citizen of the other host country is not a citizen here', () => {
    expect(evaluate(answers({ citizenship: 'RS', destination_country: 'RS' }), data).rules).toEqual(['R17']);
  });
});

describe('R7: EU, EEA and Swiss citizens', () => {
  it.each(['DE', 'GR', 'HR', 'NO', 'IS', 'LI', 'CH'])('%s', (code) => {
    expect(evaluate(answers({ citizenship: code, destination_country: code }), data).rules).toEqual(['R7']);
  });

  it.each(['GB', 'TR', 'ME', 'UA'])('not %s', (code) => {
    expect(evaluate(answers({ citizenship: code, destination_country: code }), data).rules).toEqual(['R17']);
  });
});

describe('R8: third countries', () => {
  it.each([
    [{ destination_country: 'TR', has_residence_in_destination: false }, ['R8']],
    [{ destination_country: 'TR', has_residence_in_destination: true }, ['R17']],
    [{ destination_country: 'DE', has_residence_in_destination: true }, ['R17']],
    [{ destination_country: 'PK', has_residence_in_destination: false }, ['R17']],
    [{ destination_country: 'PK' }, ['R17']],
  ] as Array<[Changes, string[]]>)('%o gives %o', (changes, rules) => {
    expect(evaluate(answers(changes), data).rules).toEqual(rules);
  });

  it('a third country without the residence answer is not decided', () => {
    expect(() => evaluate(answers({ destination_country: 'TR' }), data)).toThrowError(/has_residence_in_destination/);
  });
});

describe('R9: the destinations list', () => {
  const list = (version: string, entries: DestinationList['entries']): DestinationList => ({ version, entries });
  const to = (code: string): Changes => ({ citizenship: code, destination_country: code });

  it('flags suspended (AF) and limited (SY) destinations from the file', () => {
    expect(evaluate(answers(to('AF')), data)).toEqual(result('COUNSELLOR_REVIEW', ['R9']));
    expect(evaluate(answers(to('SY')), data)).toEqual(result('COUNSELLOR_REVIEW', ['R9']));
  });

  it('flags a residence country that is on the list', () => {
    expect(evaluate(answers({ destination_country: 'AF', has_residence_in_destination: true }), data).rules).toEqual(['R9']);
  });

  it('uses the list it is given, and its version shows in the result', () => {
    const reopened = list('2', [{ country: 'SY', status: 'limited', since: '2025-01', note: 'n' }]);
    const afghanistan = evaluate(answers(to('AF')), { ...data, destinations: reopened });
    expect(afghanistan).toEqual({ ...result('LIKELY_ELIGIBLE', ['R17']), version: 'rules@2026-11-23.1+destinations@2' });

    const iraq = list('3', [{ country: 'IQ', status: 'suspended', since: '2026-11-01', note: 'n' }]);
    expect(evaluate(answers(to('IQ')), { ...data, destinations: iraq })).toEqual({
      ...result('COUNSELLOR_REVIEW', ['R9']),
      version: 'rules@2026-11-23.1+destinations@3',
    });
  });

  it('an open entry and an unlisted country do not flag', () => {
    const open = list('4', [{ country: 'AF', status: 'open', since: '2027-01-01', note: 'n' }]);
    expect(evaluate(answers(to('AF')), { ...data, destinations: open }).rules).toEqual(['R17']);
    expect(evaluate(answers(to('NG')), data).rules).toEqual(['R17']);
  });
});

describe('the returnee track', () => {
  it('only R1, R6a and R6b apply', () => {
    // Answers that would stop or flag a migrant are ignored on this track.
    const migrantish = { forced_work_or_debt: true, fear_of_return: true, age: 12, pressure: 'family_or_others', medical_needs: true };
    expect(evaluate({ ...returnee, ...migrantish }, data).rules).toEqual(['R6a']);
    expect(evaluate({ ...returnee, danger_now: true, returned_from_conflict_zone: true }, data)).toEqual(
      result('REFER_PROTECTION', ['R1'], null, true),
    );
  });

  it('needs none of the migrant questions', () => {
    expect(evaluate(returnee, data).rules).toEqual(['R6a']);
  });

  it('a returnee who is not a citizen here gets the default (R17): the flows should not let that happen', () => {
    expect(evaluate({ ...returnee, citizenship: 'AF' }, data)).toEqual(result('LIKELY_ELIGIBLE', ['R17']));
  });
});

describe('R0: the consent gate', () => {
  const gate = result(null, ['R0'], 'information_only');

  it('without consent nothing is screened: no outcome, information only', () => {
    expect(evaluate({ track: 'migrant', consent: false }, data)).toEqual(gate);
    expect(evaluate({ track: 'returnee', consent: false }, data)).toEqual(gate);
    expect(evaluate({ consent: false }, data)).toEqual(gate);
  });

  it('comes before every other rule', () => {
    expect(evaluate(answers({ consent: false, danger_now: true, ...allFlags }), data)).toEqual(gate);
  });

  it('an unanswered consent is not a consent', () => {
    expect(() => evaluate(answers({ consent: undefined }), data)).toThrowError(/consent/);
  });
});

describe('incomplete answers', () => {
  it('names the answers still needed, in question order', () => {
    let error: unknown;
    try {
      evaluate({ track: 'migrant', consent: true, danger_now: false, forced_work_or_debt: false }, data);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(IncompleteAnswersError);
    const missing = (error as IncompleteAnswersError).missing;
    expect(missing.slice(0, 4)).toEqual(['fear_of_return', 'age', 'pressure', 'host_country']);
    expect(missing).not.toContain('with_parent_or_guardian'); // depends on age, asked first
    expect(missing).not.toContain('returned_from_conflict_zone'); // not asked on this track
  });

  it('a missing flag answer is not a "no"', () => {
    expect(() => evaluate(answers({ medical_needs: undefined }), data)).toThrowError(/medical_needs/);
  });

  it('needs nothing after the stop rule that fired', () => {
    expect(evaluate({ track: 'migrant', consent: true, danger_now: false, forced_work_or_debt: true }, data).rules).toEqual(['R2']);
  });

  it('does not stop on a later rule while an earlier one is undecided', () => {
    expect(() => evaluate(answers({ forced_work_or_debt: undefined, citizenship: 'DE', destination_country: 'DE' }), data)).toThrowError(
      /forced_work_or_debt/,
    );
  });

  it('an unanswered flag does not hold back a stop rule after it', () => {
    const r10 = data.rules.rules.find((r) => r.id === 'R10')!;
    const reordered = { ...data.rules, rules: [r10, ...data.rules.rules.filter((r) => r !== r10)] };
    const given = { track: 'migrant', consent: true, danger_now: true };
    expect(evaluate(given, { ...data, rules: reordered })).toEqual(result('REFER_PROTECTION', ['R1'], null, true));
  });
});

describe('ruleReads', () => {
  const reads = Object.fromEntries(data.rules.rules.map((r) => [r.id, ruleReads(r)]));

  it('lists the variables each rule reads, with track for one-track rules', () => {
    expect(reads['R0']).toEqual(['consent']);
    expect(reads['R1']).toEqual(['danger_now']);
    expect(reads['R4']).toEqual(['track', 'age', 'with_parent_or_guardian']);
    expect(reads['R6a']).toEqual(['citizenship', 'host_country', 'returned_from_conflict_zone']);
    expect(reads['R8']).toEqual(['track', 'destination_country', 'citizenship', 'has_residence_in_destination']);
    expect(reads['R9']).toEqual(['track', 'destination_status']);
    expect(reads['R17']).toEqual([]);
  });
});

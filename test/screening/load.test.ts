/** The data files load, and a broken file is reported by file and rule. */
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { RulesError, destinationListSchema, formatRuleIssue, loadRules, type RuleTexts } from '../../src/screening/index.js';
import { data, ruleTexts } from './fixture.js';

describe('the data files', () => {
  it('load, with the rule table in order', () => {
    expect(data.rules.version).toBe('2026-11-23.1');
    expect(data.rules.rules.map((r) => `${r.id}:${r.kind}`)).toEqual([
      'R0:gate',
      ...['R1', 'R2', 'R3', 'R4', 'R5', 'R6a', 'R6b', 'R7', 'R8'].map((id) => `${id}:stop`),
      ...['R5b', 'R9', 'R10', 'R11', 'R12', 'R13', 'R14', 'R15', 'R16'].map((id) => `${id}:flag`),
      'R17:default',
    ]);
  });

  it('apply only R0, R1, R6a, R6b and R17 on the returnee track', () => {
    const returnee = data.rules.rules.filter((r) => r.applies_to.includes('returnee')).map((r) => r.id);
    expect(returnee).toEqual(['R0', 'R1', 'R6a', 'R6b', 'R17']);
  });

  it('list the 27 EU states, IS, LI, NO and CH', () => {
    expect(data.euEea.codes).toHaveLength(31);
    expect(data.euEea.codes).toEqual(expect.arrayContaining(['DE', 'GR', 'HR', 'IS', 'LI', 'NO', 'CH']));
    expect(data.euEea.codes).not.toContain('GB');
  });

  it('seed the destinations and the host countries', () => {
    expect(data.destinations.version).toBe('2');
    expect(data.destinations.entries.map((e) => [e.country, e.status])).toEqual([
      ['AF', 'suspended'],
      ['SY', 'limited'],
    ]);
    expect(data.hostCountries.codes).toEqual(['BA', 'RS']);
  });

  it('accept a destinations list from the database', () => {
    const fromDb = destinationListSchema.parse({ version: 7, entries: [{ country: 'IQ', status: 'limited', since: '2026-11-23', note: 'n' }] });
    expect(fromDb.version).toBe('7');
    expect(() => destinationListSchema.parse({ version: 8, entries: [{ country: 'IQ', status: 'closed', since: '2026-11-23', note: 'n' }] })).toThrow();
  });
});

/** Edits eligibility.yaml as data, then reloads everything; the problems as printed lines. */
function problems(edit: (texts: RuleTexts, rules: { rules: Array<Record<string, unknown>> } & Record<string, unknown>) => void): string[] {
  const texts = ruleTexts();
  const doc = parse(texts.eligibility) as { rules: Array<Record<string, unknown>> } & Record<string, unknown>;
  edit(texts, doc);
  if (!texts.eligibility.includes('EDITED')) texts.eligibility = `# EDITED\n${stringify(doc)}`;
  try {
    loadRules(texts);
  } catch (e) {
    if (e instanceof RulesError) return e.issues.map(formatRuleIssue);
    throw e;
  }
  return [];
}

const rule = (doc: { rules: Array<Record<string, unknown>> }, id: string): Record<string, unknown> => doc.rules.find((r) => r['id'] === id)!;
const E = 'flows/rules/eligibility.yaml';

describe('loadRules reports', () => {
  it('nothing for the files as they are', () => {
    expect(problems(() => {})).toEqual([]);
  });

  it('an unknown variable, naming the rule', () => {
    expect(problems((_, d) => void (rule(d, 'R9')['when'] = { var: 'destination_stat', in: ['limited'] }))).toEqual([
      `${E}: rule R9: when: unknown variable "destination_stat"`,
    ]);
  });

  it('a value the variable can never have', () => {
    expect(problems((_, d) => void (rule(d, 'R5')['when'] = { var: 'pressure', eq: 'family_or_other' }))).toEqual([
      `${E}: rule R5: when: pressure can never be "family_or_other"`,
    ]);
  });

  it('a stop rule without an outcome', () => {
    expect(problems((_, d) => void delete rule(d, 'R3')['outcome'])).toEqual([expect.stringMatching(/^flows\/rules\/eligibility\.yaml: rule R3: outcome: /)]);
  });

  it('a flag with an outcome, and an unknown kind', () => {
    const found = problems((_, d) => {
      rule(d, 'R10')['outcome'] = 'NOT_ELIGIBLE';
      rule(d, 'R11')['kind'] = 'warning';
    });
    expect(found).toHaveLength(2);
    expect(found[0]).toMatch(/^flows\/rules\/eligibility\.yaml: rule R10: .*outcome/);
    expect(found[1]).toMatch(/^flows\/rules\/eligibility\.yaml: rule R11: kind: /);
  });

  it('"set", a duplicate id and a default that is not last', () => {
    expect(
      problems((_, d) => {
        rule(d, 'R13')['when'] = { var: 'can_pay_own_travel', set: true };
        rule(d, 'R14')['id'] = 'R13';
        d.rules.push({ ...rule(d, 'R15'), id: 'R18' });
      }),
    ).toEqual([
      `${E}: rule R13: when: "set" is not allowed here: a missing answer must not count as an answer (can_pay_own_travel)`,
      `${E}: rule R13: the id is used twice`,
      `${E}: rule R17: the default rule must come last`,
    ]);
  });

  it('undocumented derived variables and circular asked_when', () => {
    expect(
      problems((_, d) => {
        delete (d['derived'] as Record<string, string>)['destination_status'];
        (d['asked_when'] as Record<string, unknown>)['track'] = { var: 'age', gt: 0 };
      }),
    ).toEqual([
      `${E}: derived: document exactly citizenship_eu_eea, destination_status (found citizenship_eu_eea)`,
      `${E}: asked_when: track -> age -> track depend on each other`,
    ]);
  });

  it('a list file whose version the rules were not written against', () => {
    expect(
      problems((t) => {
        t.euEea = t.euEea.replace('version: "2026-11-23.1"', 'version: "2027-01-01.1"');
      }),
    ).toEqual([
      `${E}: lists.eu_eea is 2026-11-23.1 but flows/rules/eu-eea.yaml is version 2027-01-01.1: review the rules and update both`,
    ]);
  });

  it('broken YAML and bad entries in the other files', () => {
    const found = problems((t) => {
      t.eligibility = '# EDITED\nrules: [';
      t.destinations = t.destinations.replace('status: limited', 'status: closed');
      t.hostCountries = t.hostCountries.replace('- RS', '- BA');
    });
    expect(found[0]).toMatch(/^flows\/rules\/eligibility\.yaml: not valid YAML: /);
    expect(found.slice(1)).toEqual([
      expect.stringMatching(/^flows\/rules\/destinations\.yaml: entries\.1\.status: /),
      'flows/rules/host-countries.yaml: a code is listed twice',
    ]);
  });
});

/**
 * Loads the rule files from their text (YAML), so that Node (reading flows/rules/) and Workers (a
 * bundle made at build time) share this code. Checks the shape, then what the shape cannot say:
 * known variables, valid values, one default rule at the end, list versions that match.
 */
import { parse as parseYaml } from 'yaml';
import type { ZodError, ZodType } from 'zod';
import { readsOf } from '../flow/conditions.js';
import type { Condition, Scalar } from '../flow/schema.js';
import { ANSWER_IDS, DERIVED_IDS, TRACKS, answerFields, derivedFields } from './answers.js';
import {
  countryListSchema,
  destinationListSchema,
  ruleSetSchema,
  type CountryList,
  type DestinationList,
  type RuleSet,
} from './schema.js';
import { derivedFrom } from './view.js';

export const RULE_FILES = {
  eligibility: 'flows/rules/eligibility.yaml',
  euEea: 'flows/rules/eu-eea.yaml',
  destinations: 'flows/rules/destinations.yaml',
  hostCountries: 'flows/rules/host-countries.yaml',
} as const;

/** The text of each file in RULE_FILES. */
export type RuleTexts = Record<keyof typeof RULE_FILES, string>;

export interface LoadedRules {
  rules: RuleSet;
  euEea: CountryList;
  /** The list in the file: the seed; the database supplies the one in force. */
  destinations: DestinationList;
  hostCountries: CountryList;
}

export interface RuleIssue {
  file: string;
  rule?: string;
  message: string;
}

export function formatRuleIssue(issue: RuleIssue): string {
  return `${issue.file}: ${issue.rule ? `rule ${issue.rule}: ` : ''}${issue.message}`;
}

export class RulesError extends Error {
  override name = 'RulesError';
  constructor(readonly issues: RuleIssue[]) {
    super(`the screening rules have ${issues.length} problem(s):\n${issues.map(formatRuleIssue).join('\n')}`);
  }
}

function parse<T>(file: string, text: string, schema: ZodType<T>, issues: RuleIssue[], ruleAt?: (i: number) => string): T | undefined {
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (e) {
    issues.push({ file, message: `not valid YAML: ${e instanceof Error ? e.message : String(e)}` });
    return undefined;
  }
  const parsed = schema.safeParse(doc);
  if (parsed.success) return parsed.data;
  issues.push(...zodIssues(file, parsed.error, ruleAt));
  return undefined;
}

function zodIssues(file: string, error: ZodError, ruleAt?: (i: number) => string): RuleIssue[] {
  return error.issues.map((i) => {
    const path = i.path.map(String);
    if (ruleAt && path[0] === 'rules' && path.length > 1) {
      const where = path.slice(2).join('.');
      return { file, rule: ruleAt(Number(path[1])), message: `${where ? `${where}: ` : ''}${i.message}` };
    }
    return { file, message: `${path.length ? `${path.join('.')}: ` : ''}${i.message}` };
  });
}

const variables: Record<string, ZodType> = { ...answerFields, ...derivedFields };

/** Problems with one condition: unknown variables, `set`, values a variable can never have. */
function conditionProblems(condition: Condition, allowed: ReadonlySet<string>): string[] {
  if ('all' in condition) return condition.all.flatMap((c) => conditionProblems(c, allowed));
  if ('any' in condition) return condition.any.flatMap((c) => conditionProblems(c, allowed));
  if ('not' in condition) return conditionProblems(condition.not, allowed);
  const problems = readsOf(condition)
    .concat(condition.var)
    .filter((name, i, all) => all.indexOf(name) === i && !allowed.has(name))
    .map((name) => `unknown variable "${name}"`);
  if (condition.set !== undefined) {
    problems.push(`"set" is not allowed here: a missing answer must not count as an answer (${condition.var})`);
  }
  const schema = variables[condition.var];
  if (!schema) return problems;
  const { eq, ne, lt, lte, gt, gte } = condition;
  const literals: Scalar[] = [eq, ne, lt, lte, gt, gte, ...(condition.in ?? []), ...(condition.not_in ?? [])].flatMap(
    (o) => (o === undefined || (o !== null && typeof o === 'object') ? [] : [o]),
  );
  for (const value of literals) {
    if (value !== null && !schema.safeParse(value).success) problems.push(`${condition.var} can never be ${JSON.stringify(value)}`);
  }
  return problems;
}

function checkRuleSet(file: string, set: RuleSet, issues: RuleIssue[]): void {
  const allowed = new Set<string>([...ANSWER_IDS, ...DERIVED_IDS]);
  const seen = new Set<string>();
  set.rules.forEach((rule, i) => {
    if (seen.has(rule.id)) issues.push({ file, rule: rule.id, message: 'the id is used twice' });
    seen.add(rule.id);
    if (rule.kind !== 'default') {
      for (const message of conditionProblems(rule.when, allowed)) issues.push({ file, rule: rule.id, message: `when: ${message}` });
    } else {
      if (i !== set.rules.length - 1) issues.push({ file, rule: rule.id, message: 'the default rule must come last' });
      if (rule.applies_to.length !== TRACKS.length) {
        issues.push({ file, rule: rule.id, message: `the default rule must apply to every track (${TRACKS.join(', ')})` });
      }
    }
    if (new Set(rule.applies_to).size !== rule.applies_to.length) issues.push({ file, rule: rule.id, message: 'applies_to: a track is listed twice' });
  });
  if (!set.rules.some((r) => r.kind === 'default')) issues.push({ file, message: 'rules: a default rule (nothing fired) must come last' });

  const documented = Object.keys(set.derived).sort();
  if (documented.join() !== [...DERIVED_IDS].sort().join()) {
    issues.push({ file, message: `derived: document exactly ${DERIVED_IDS.join(', ')} (found ${documented.join(', ') || 'none'})` });
  }

  for (const [name, condition] of Object.entries(set.asked_when)) {
    if (!(ANSWER_IDS as string[]).includes(name)) issues.push({ file, message: `asked_when: "${name}" is not an answer id` });
    for (const message of conditionProblems(condition, allowed)) issues.push({ file, message: `asked_when.${name}: ${message}` });
  }
  const cycle = askedWhenCycle(set);
  if (cycle) issues.push({ file, message: `asked_when: ${cycle.join(' -> ')} depend on each other` });
}

/** A chain of answers whose asked_when conditions depend on each other in a circle, if any. */
function askedWhenCycle(set: RuleSet): string[] | null {
  const source = (name: string): string => (derivedFrom as Record<string, string>)[name] ?? name;
  const edges = (name: string): string[] => {
    const condition = set.asked_when[name];
    return condition ? readsOf(condition).map(source) : [];
  };
  const state = new Map<string, 'open' | 'done'>();
  const visit = (name: string, path: string[]): string[] | null => {
    if (state.get(name) === 'open') return [...path.slice(path.indexOf(name)), name];
    if (state.get(name) === 'done') return null;
    state.set(name, 'open');
    for (const next of edges(name)) {
      const found = visit(next, [...path, name]);
      if (found) return found;
    }
    state.set(name, 'done');
    return null;
  };
  for (const name of Object.keys(set.asked_when)) {
    const found = visit(name, []);
    if (found) return found;
  }
  return null;
}

/**
 * Reads the four rule files. Returns them typed, or throws RulesError naming the file (and the
 * rule) of every problem.
 */
export function loadRules(texts: RuleTexts): LoadedRules {
  const issues: RuleIssue[] = [];
  const ruleIds = (() => {
    try {
      const doc = parseYaml(texts.eligibility) as { rules?: Array<{ id?: unknown }> } | null;
      return Array.isArray(doc?.rules) ? doc.rules.map((r) => r?.id) : [];
    } catch {
      return [];
    }
  })();
  const ruleAt = (i: number): string => (typeof ruleIds[i] === 'string' ? (ruleIds[i] as string) : `#${i + 1}`);

  const rules = parse(RULE_FILES.eligibility, texts.eligibility, ruleSetSchema, issues, ruleAt);
  const euEea = parse(RULE_FILES.euEea, texts.euEea, countryListSchema, issues);
  const destinations = parse(RULE_FILES.destinations, texts.destinations, destinationListSchema, issues);
  const hostCountries = parse(RULE_FILES.hostCountries, texts.hostCountries, countryListSchema, issues);
  if (rules) checkRuleSet(RULE_FILES.eligibility, rules, issues);
  if (rules && euEea && rules.lists.eu_eea !== euEea.version) {
    issues.push({
      file: RULE_FILES.eligibility,
      message: `lists.eu_eea is ${rules.lists.eu_eea} but ${RULE_FILES.euEea} is version ${euEea.version}: review the rules and update both`,
    });
  }
  if (rules && hostCountries && rules.lists.host_countries !== hostCountries.version) {
    issues.push({
      file: RULE_FILES.eligibility,
      message: `lists.host_countries is ${rules.lists.host_countries} but ${RULE_FILES.hostCountries} is version ${hostCountries.version}: review the rules and update both`,
    });
  }
  if (issues.length > 0 || !rules || !euEea || !destinations || !hostCountries) throw new RulesError(issues);
  return { rules, euEea, destinations, hostCountries };
}

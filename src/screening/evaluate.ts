/**
 * Evaluates the eligibility rules (eligibility.md, "Rules, evaluated top-down"): the first stop rule
 * that fires wins and nothing after it counts; otherwise the flags that fire are collected in order;
 * any flag gives COUNSELLOR_REVIEW, none gives LIKELY_ELIGIBLE through the default rule (R17).
 */
import { holds, readsOf } from '../flow/conditions.js';
import { ANSWER_IDS, TRACKS, type AnswerValues, type Track } from './answers.js';
import type { CountryList, DestinationList, GateRule, Outcome, Rule, RuleSet, StopRule } from './schema.js';
import { viewOf, type View } from './view.js';

export interface ScreeningData {
  rules: RuleSet;
  euEea: CountryList;
  /** The destinations list in force, from the file or the database, with its version. */
  destinations: DestinationList;
}

export interface ScreeningResult {
  /**
   * null only when the consent gate (R0) fired: information-only mode, nothing was screened and
   * nothing may be stored or sent to a counsellor.
   */
  outcome: Outcome | null;
  urgent: boolean;
  /** The ids of the rules that fired, in order. */
  rules: string[];
  route: string | null;
  /** `rules@<rule-set version>+destinations@<destinations-list version>` */
  version: string;
}

export type PartialResult = { stopped: false } | { stopped: true; result: ScreeningResult };

/** The answers do not decide the result yet: `missing` are the answers still needed. */
export class IncompleteAnswersError extends Error {
  override name = 'IncompleteAnswersError';
  constructor(
    readonly missing: string[],
    readonly rules: string[],
  ) {
    super(`missing answers: ${missing.join(', ')} (needed to decide ${rules.join(', ')})`);
  }
}

/** The variables a rule reads: its condition's, plus `track` when it applies to one track only. */
export function ruleReads(rule: Rule): string[] {
  const reads = rule.kind === 'default' ? [] : readsOf(rule.when);
  const oneTrack = rule.applies_to.length < TRACKS.length;
  return [...new Set([...(oneTrack ? ['track'] : []), ...reads])];
}

export function versionOf(data: Pick<ScreeningData, 'rules' | 'destinations'>): string {
  return `rules@${data.rules.version}+destinations@${data.destinations.version}`;
}

type Verdict = { is: 'fires' } | { is: 'quiet' } | { is: 'undecided'; missing: string[] };

function judge(rule: Rule, view: View): Verdict {
  const oneTrack = rule.applies_to.length < TRACKS.length;
  if (oneTrack && view.known('track') && !rule.applies_to.includes(view.vars.track as Track)) return { is: 'quiet' };
  const missing = ruleReads(rule).flatMap((name) => view.missing(name));
  if (missing.length > 0) return { is: 'undecided', missing };
  if (rule.kind === 'default') return { is: 'fires' };
  return holds(rule.when, view.vars) ? { is: 'fires' } : { is: 'quiet' };
}

function stopResult(rule: GateRule | StopRule, version: string): ScreeningResult {
  if (rule.kind === 'gate') return { outcome: null, urgent: false, rules: [rule.id], route: rule.route ?? null, version };
  return { outcome: rule.outcome, urgent: rule.urgent ?? false, rules: [rule.id], route: rule.route ?? null, version };
}

const stops = (rule: Rule): rule is GateRule | StopRule => rule.kind === 'gate' || rule.kind === 'stop';

/**
 * The result of a complete set of answers: complete enough that every rule up to the one that
 * decides can be decided (after a stop rule, nothing more is needed). Throws IncompleteAnswersError
 * naming the answers still needed otherwise.
 */
export function evaluate(answers: AnswerValues, data: ScreeningData): ScreeningResult {
  const view = viewOf(answers, data.rules, data);
  const version = versionOf(data);
  const missing = new Set<string>();
  const undecided: string[] = [];
  let stopUndecided = false;
  const flags: string[] = [];
  for (const rule of data.rules.rules) {
    const verdict = judge(rule, view);
    if (verdict.is === 'undecided') {
      verdict.missing.forEach((m) => missing.add(m));
      undecided.push(rule.id);
      stopUndecided ||= stops(rule);
      continue;
    }
    if (verdict.is === 'quiet') continue;
    if (stops(rule)) {
      if (stopUndecided) break; // a stop rule before this one could still win: its answers are needed
      return stopResult(rule, version);
    }
    if (rule.kind === 'flag') flags.push(rule.id);
    else if (undecided.length === 0 && flags.length === 0) {
      return { outcome: rule.outcome, urgent: false, rules: [rule.id], route: null, version };
    }
  }
  if (undecided.length > 0) {
    const order = (name: string): number => (ANSWER_IDS as string[]).indexOf(name);
    throw new IncompleteAnswersError([...missing].sort((a, b) => order(a) - order(b)), undecided);
  }
  if (flags.length === 0) throw new Error('the rule set has no default rule for this track');
  return { outcome: 'COUNSELLOR_REVIEW', urgent: false, rules: flags, route: null, version };
}

/**
 * For the chat flow, after each answer: stopped when the result can no longer change, that is when
 * a stop rule (or the consent gate) fires and every stop rule before it is decided and did not fire.
 * A rule that reads an unanswered question never fires. Flags are left to `evaluate`.
 */
export function evaluatePartial(answers: AnswerValues, data: ScreeningData): PartialResult {
  const view = viewOf(answers, data.rules, data);
  for (const rule of data.rules.rules) {
    if (!stops(rule)) continue;
    const verdict = judge(rule, view);
    if (verdict.is === 'undecided') return { stopped: false };
    if (verdict.is === 'fires') return { stopped: true, result: stopResult(rule, versionOf(data)) };
  }
  return { stopped: false };
}

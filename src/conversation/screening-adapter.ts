/** The Screening port on the rule engine in src/screening, with the rule files from the content. */
import {
  IncompleteAnswersError,
  RULE_FILES,
  evaluate,
  evaluatePartial,
  loadRules,
  type DestinationList,
  type LoadedRules,
  type RuleTexts,
} from '../screening/index.js';
import { FlowFault } from './flow-fault.js';
import type { Screening } from './ports.js';

/** Loads the rules from content data; throws a RulesError naming file and rule when they are wrong. */
export function rulesFromData(data: Readonly<Record<string, string>>): LoadedRules {
  const texts = Object.fromEntries(
    Object.entries(RULE_FILES).map(([name, path]) => [name, data[path] ?? '']),
  ) as RuleTexts;
  return loadRules(texts);
}

/**
 * `destinations` gives the list in force (coordinators change it in the dashboard); by default the
 * seed list in flows/rules/destinations.yaml.
 */
export function createScreening(rules: LoadedRules, destinations?: () => Promise<DestinationList>): Screening {
  const list = async (): Promise<DestinationList> => (destinations ? await destinations() : rules.destinations);
  return {
    async evaluate(vars, final, unanswered = []) {
      const data = { rules: rules.rules, euEea: rules.euEea, destinations: await list() };
      if (!final) {
        const partial = evaluatePartial(vars, data);
        if (!partial.stopped) return { stop: false, outcome: null, urgent: false, rules: [], route: null, version: '' };
        return { stop: true, ...partial.result };
      }
      if (unanswered.length > 0) {
        // The person chose not to answer these (the health and family flags). Only to learn which
        // *other* flags fire are they read as "no"; the result is never better than a counsellor's
        // review, who asks them in person. A flag that reads them is not claimed to have fired.
        const given = { ...vars, ...Object.fromEntries(unanswered.map((name) => [name, false])) };
        const result = evaluate(given, data);
        if (result.outcome === 'LIKELY_ELIGIBLE') return { stop: false, ...result, outcome: 'COUNSELLOR_REVIEW', rules: [] };
        return { stop: false, ...result };
      }
      try {
        const result = evaluate(vars, data);
        return { stop: false, ...result };
      } catch (error) {
        if (error instanceof IncompleteAnswersError) throw new FlowFault(error.message);
        throw error;
      }
    },
    async destination(country) {
      const entry = (await list()).entries.find((e) => e.country === country);
      if (!entry || entry.status === 'open') return { status: 'open', reason: null, checked: entry?.checked ?? null };
      return { status: entry.status, reason: entry.reason ?? 'other_reason', checked: entry.checked ?? null };
    },
  };
}

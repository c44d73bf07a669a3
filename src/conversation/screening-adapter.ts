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
  return {
    async evaluate(vars, final) {
      const data = { rules: rules.rules, euEea: rules.euEea, destinations: destinations ? await destinations() : rules.destinations };
      if (!final) {
        const partial = evaluatePartial(vars, data);
        if (!partial.stopped) return { stop: false, outcome: null, urgent: false, rules: [], route: null, version: '' };
        return { stop: true, ...partial.result };
      }
      try {
        const result = evaluate(vars, data);
        return { stop: false, ...result };
      } catch (error) {
        if (error instanceof IncompleteAnswersError) throw new FlowFault(error.message);
        throw error;
      }
    },
  };
}

/**
 * Eligibility screening (eligibility.md): the rules are data (flows/rules/*.yaml), this is the
 * pure code that loads and evaluates them. No I/O: the caller supplies the file texts and the
 * destinations list in force (from the file or the database).
 */
export {
  ANSWER_IDS,
  DERIVED_IDS,
  TRACKS,
  answerFields,
  answersSchema,
  derivedFields,
  type AnswerId,
  type AnswerValues,
  type Answers,
  type DerivedId,
  type Track,
} from './answers.js';
export {
  DESTINATION_REASONS,
  DESTINATION_STATUSES,
  OUTCOMES,
  countryListSchema,
  destinationListSchema,
  destinationSchema,
  ruleSchema,
  ruleSetSchema,
  type CountryList,
  type Destination,
  type DestinationList,
  type DestinationReason,
  type DestinationStatus,
  type Outcome,
  type Rule,
  type RuleSet,
} from './schema.js';
export { RULE_FILES, RulesError, formatRuleIssue, loadRules, type LoadedRules, type RuleIssue, type RuleTexts } from './load.js';
export {
  IncompleteAnswersError,
  evaluate,
  evaluatePartial,
  ruleReads,
  versionOf,
  type PartialResult,
  type ScreeningData,
  type ScreeningResult,
} from './evaluate.js';

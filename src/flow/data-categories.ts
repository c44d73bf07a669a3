/**
 * What kind of data each stored answer is, in one place: what `/mydata` shows, and what the CSV
 * export leaves out unless a coordinator asks for it.
 */

/**
 * Answers about the person's safety and health (special categories: ../shared/domain/application-data.md).
 * They are kept like any categorical answer, but shown and shared less: `/mydata` does not print
 * them on a phone someone else may hold, and the CSV export leaves them out unless a coordinator
 * asks for them (which is audit-logged).
 */
export const SENSITIVE_ANSWERS: readonly string[] = [
  'danger_now',
  'forced_work_or_debt',
  'fear_of_return',
  'pressure',
  'medical_needs',
  'travelling_with_vulnerable_adults',
  'returned_from_conflict_zone',
  // A child here without a parent or guardian: a child-protection matter.
  'with_parent_or_guardian',
];

export function isSensitiveAnswer(name: string): boolean {
  return SENSITIVE_ANSWERS.includes(name);
}

/** The label of an answer in `/mydata`, in the person's language. */
export const myDataFieldKey = (name: string): string => `mydata:field.${name}`;

/**
 * The answers `/mydata` lists, in this order, each with its label (`myDataFieldKey`) in the
 * person's language. Every variable a question stores is here, in SENSITIVE_ANSWERS, or in
 * NOT_ABOUT_THE_PERSON (a test holds the flows to that).
 */
export const MY_DATA_FIELDS: readonly string[] = [
  'track',
  'age',
  'host_country',
  'citizenship',
  'destination_country',
  'has_residence_in_destination',
  'previous_assisted_return',
  'must_stay_by_authority',
  'asylum_application_lodged',
  'can_pay_own_travel',
  'identity_document',
  'travelling_with_children',
  'given_names',
  'family_name',
  'sex',
  'date_of_birth',
  'municipality',
  'accommodation',
  'return_place',
  'companions',
  'companion_list',
  'help_wanted',
  'contact_preference',
  'phone',
  'needs_interpreter',
  'interpreter_language',
  'returnee_country',
  'returned_from',
  'returnee_place',
  'services_country',
  'services_place',
];

/**
 * Variables questions store that say nothing about the person on their own, or are shown another
 * way: a round's answers (collected into `companion_list`), the phone setting (shown as the reach
 * line), the language (shown first), and a check-in's or a travel day's passing answer (kept on
 * the case, where the counsellor sees them).
 */
export const NOT_ABOUT_THE_PERSON: readonly string[] = [
  'companion_relationship',
  'companion_age',
  'companion_citizenship',
  'contact_safe',
  'language_choice',
  'slot_choice',
  'fu_answer',
  'travel_problem',
];

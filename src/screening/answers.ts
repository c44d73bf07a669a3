/**
 * The screening inputs: the ids, types and question order of eligibility.md's answers table. The
 * ids are the contract between the flows, the rules and the `screen` command.
 */
import { z } from 'zod';

export const TRACKS = ['migrant', 'returnee'] as const;
export type Track = (typeof TRACKS)[number];

const country = z
  .string()
  .regex(/^[A-Z]{2}$/, 'expected an ISO 3166-1 alpha-2 code in capitals, such as "AF"');
const yesNoUnsure = z.enum(['yes', 'no', 'unsure']);

/** One schema per answer, in the order eligibility.md asks them. */
export const answerFields = {
  track: z.enum(TRACKS),
  consent: z.boolean(),
  danger_now: z.boolean(),
  forced_work_or_debt: z.boolean(),
  fear_of_return: z.boolean(),
  age: z.number().int('expected whole years').min(0).max(130),
  with_parent_or_guardian: z.boolean(),
  pressure: z.enum(['none', 'family_or_others', 'authorities']),
  host_country: country,
  citizenship: country,
  returned_from_conflict_zone: z.boolean(),
  destination_country: country,
  has_residence_in_destination: z.boolean(),
  previous_assisted_return: z.boolean(),
  must_stay_by_authority: yesNoUnsure,
  asylum_application_lodged: yesNoUnsure,
  can_pay_own_travel: z.boolean(),
  identity_document: z.enum(['valid_passport', 'expired_passport', 'national_id', 'birth_certificate', 'copy_only', 'none']),
  medical_needs: z.boolean(),
  travelling_with_children: z.boolean(),
  travelling_with_vulnerable_adults: z.boolean(),
} as const;

export type AnswerId = keyof typeof answerFields;

/** The answer ids in question order (eligibility.md). */
export const ANSWER_IDS = Object.keys(answerFields) as AnswerId[];

/**
 * A set of answers as the `screen` command takes it: every field optional (a stop rule ends the
 * questions, and conditional questions are not always asked), unknown ids rejected. Whether the set
 * is complete enough to decide is for `evaluate` to say.
 */
export const answersSchema = z.object(answerFields).partial().strict();
export type Answers = z.infer<typeof answersSchema>;

/** Variables computed from the answers and the lists before the rules run (see eligibility.yaml). */
export const derivedFields = {
  citizenship_eu_eea: z.boolean(),
  destination_status: z.enum(['open', 'limited', 'suspended']),
} as const;

export type DerivedId = keyof typeof derivedFields;
export const DERIVED_IDS = Object.keys(derivedFields) as DerivedId[];

/** Answers as the rules see them: session variables; null or missing means not answered. */
export type AnswerValues = Readonly<Record<string, string | number | boolean | null | undefined>>;

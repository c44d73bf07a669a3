/** The shape of the data files under flows/rules/ (one zod schema each) and the types they give. */
import { z } from 'zod';
import { conditionSchema } from '../flow/schema.js';
import { TRACKS } from './answers.js';

/** A version: free text such as `2026-11-23.1`, or a number (the dashboard counts versions). */
const version = z
  .union([z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'letters, digits, ".", "_" and "-"'), z.number().int().nonnegative()])
  .transform(String);

const countryCode = z.string().regex(/^[A-Z]{2}$/, 'an ISO 3166-1 alpha-2 code in capitals, such as "AF"');

export const OUTCOMES = ['REFER_PROTECTION', 'NOT_ELIGIBLE', 'COUNSELLOR_REVIEW', 'LIKELY_ELIGIBLE'] as const;
export type Outcome = (typeof OUTCOMES)[number];

const ruleId = z.string().regex(/^R\d+[a-z]?$/, 'a rule id such as R5 or R5b');
const route = z.string().regex(/^[a-z][a-z0-9_]*$/, 'a route in lower_snake_case');
const appliesTo = z.array(z.enum(TRACKS)).min(1).describe('the tracks the rule applies to');
const note = z.string().min(1, 'say why the rule exists');

const gateRule = z
  .object({ id: ruleId, kind: z.literal('gate'), applies_to: appliesTo, when: conditionSchema, route: route.optional(), note })
  .strict();
const stopRule = z
  .object({
    id: ruleId,
    kind: z.literal('stop'),
    applies_to: appliesTo,
    when: conditionSchema,
    outcome: z.enum(['REFER_PROTECTION', 'NOT_ELIGIBLE']),
    urgent: z.boolean().optional(),
    route: route.optional(),
    note,
  })
  .strict();
const flagRule = z.object({ id: ruleId, kind: z.literal('flag'), applies_to: appliesTo, when: conditionSchema, note }).strict();
const defaultRule = z
  .object({ id: ruleId, kind: z.literal('default'), applies_to: appliesTo, outcome: z.literal('LIKELY_ELIGIBLE'), note })
  .strict();

export const ruleSchema = z.discriminatedUnion('kind', [gateRule, stopRule, flagRule, defaultRule]);
export type Rule = z.infer<typeof ruleSchema>;
export type GateRule = z.infer<typeof gateRule>;
export type StopRule = z.infer<typeof stopRule>;
export type FlagRule = z.infer<typeof flagRule>;

/** flows/rules/eligibility.yaml */
export const ruleSetSchema = z
  .object({
    version,
    lists: z
      .object({ eu_eea: version, host_countries: version })
      .strict()
      .describe('the versions of the fixed lists this rule set was written against'),
    derived: z.record(z.string(), z.string()).describe('documents each derived variable'),
    asked_when: z.record(z.string(), conditionSchema).describe('answers that are only asked in some situations'),
    rules: z.array(ruleSchema).min(1),
  })
  .strict();
export type RuleSet = z.infer<typeof ruleSetSchema>;

/** flows/rules/eu-eea.yaml and flows/rules/host-countries.yaml */
export const countryListSchema = z
  .object({ version, codes: z.array(countryCode).min(1) })
  .strict()
  .refine((l) => new Set(l.codes).size === l.codes.length, 'a code is listed twice');
export type CountryList = z.infer<typeof countryListSchema>;

export const DESTINATION_STATUSES = ['open', 'limited', 'suspended'] as const;
export type DestinationStatus = (typeof DESTINATION_STATUSES)[number];

/**
 * Why returns are limited or suspended, as the person is told it (in their language, from the
 * `answer` namespace); `note` keeps the staff's detail.
 */
export const DESTINATION_REASONS = ['security_situation', 'case_by_case', 'no_travel_route', 'not_accepted', 'other_reason'] as const;
export type DestinationReason = (typeof DESTINATION_REASONS)[number];

const isoDate = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'a date: YYYY-MM-DD');

export const destinationSchema = z
  .object({
    country: countryCode,
    status: z.enum(DESTINATION_STATUSES),
    since: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?$/, 'a date: YYYY-MM-DD or YYYY-MM'),
    note: z.string().min(1, 'say why, and where it comes from'),
    // Optional here because coordinators' dashboard edits predate them; the seed file must have them
    // (checked by `npm run check:flows`).
    reason: z.enum(DESTINATION_REASONS).optional().describe('why, as the person is told it'),
    checked: isoDate.optional().describe('when someone last checked this entry against its source'),
    source: z.url().optional().describe('where the state comes from (a public page)'),
  })
  .strict();
export type Destination = z.infer<typeof destinationSchema>;

/**
 * flows/rules/destinations.yaml, or the same list from the database (coordinators edit it there).
 * A country that is not listed is `open`.
 */
export const destinationListSchema = z
  .object({ version, entries: z.array(destinationSchema) })
  .strict()
  .refine((l) => new Set(l.entries.map((e) => e.country)).size === l.entries.length, 'a country is listed twice');
export type DestinationList = z.infer<typeof destinationListSchema>;

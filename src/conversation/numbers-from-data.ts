/**
 * Emergency and help numbers per country (flows/directory/numbers.yaml), shown on the safety and
 * protection paths by the country the person is in. Every number carries its source and the date
 * it was checked; an unverified one is never shown.
 */
import { parse } from 'yaml';
import { z } from 'zod';
import { hoursSchema, requireSource, sourcedFields, type Hours } from './sourced.js';

export const NUMBERS_FILE = 'flows/directory/numbers.yaml';

/** What a line is for, as the person reads it (`numbers:kind_<kind>`). Emergency lines come first. */
export const NUMBER_KINDS = [
  'emergency',
  'police',
  'ambulance',
  'trafficking',
  'domestic_violence',
  'child_line',
  'missing_children',
  'asylum_legal_aid',
] as const;
export type NumberKind = (typeof NUMBER_KINDS)[number];

/** The kinds shown whatever the path asks for: someone in danger must always find these. */
export const EMERGENCY_KINDS: readonly NumberKind[] = ['emergency', 'police', 'ambulance'];

/** Where in a country a line works, when not everywhere (`numbers:area_<area>`). */
export const NUMBER_AREAS = ['fbih', 'rs_entity', 'brcko'] as const;

const numberSchema = z
  .object({
    country: z.string().regex(/^[A-Z]{2}$/),
    kind: z.enum(NUMBER_KINDS),
    /** The organisation that answers, as it calls itself (not translated). */
    name: z.string().min(1).optional(),
    number: z.string().regex(/^\+?[0-9][0-9 ]{1,18}[0-9]$/, 'digits and spaces, optionally with a leading +'),
    area: z.enum(NUMBER_AREAS).nullable().default(null),
    /** When it answers; left out when no public source says. */
    hours: hoursSchema.optional(),
    free: z.boolean().default(false),
    note: z.string().optional(),
    ...sourcedFields,
  })
  .strict()
  .superRefine(requireSource);

export const numbersFileSchema = z
  .object({ version: z.union([z.string(), z.number()]), note: z.string().optional(), numbers: z.array(numberSchema) })
  .strict();

export type HelpNumber = z.infer<typeof numberSchema>;

const cache = new WeakMap<object, HelpNumber[]>();

/** The numbers in the content's data (an empty list when the file is missing), cached per content. */
export function numbersOf(data: Readonly<Record<string, string>>): HelpNumber[] {
  const held = cache.get(data);
  if (held) return held;
  const text = data[NUMBERS_FILE];
  const numbers = text ? numbersFileSchema.parse(parse(text)).numbers : [];
  cache.set(data, numbers);
  return numbers;
}

/** Verified numbers for a country, emergency kinds first, then `kinds` (all kinds when none named). */
export function shownNumbers(numbers: readonly HelpNumber[], country: string, kinds: readonly string[] = []): HelpNumber[] {
  const wanted = (k: NumberKind): boolean => kinds.length === 0 || EMERGENCY_KINDS.includes(k) || kinds.includes(k);
  return numbers
    .filter((n) => n.verified && n.country === country && wanted(n.kind))
    .sort((a, b) => NUMBER_KINDS.indexOf(a.kind) - NUMBER_KINDS.indexOf(b.kind));
}

export type { Hours };

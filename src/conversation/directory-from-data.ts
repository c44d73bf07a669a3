/**
 * The services directory's seed file, `flows/directory/services.yaml`, and how the bot looks a
 * place up in it. Coordinators maintain the live directory in the dashboard, seeded from this file.
 */
import { z } from 'zod';
import { matchesPlace, placeNames } from '../engine/place.js';
import type { DirectoryEntry } from './ports.js';
import { hoursSchema, requireSource, sourcedFields } from './sourced.js';

export const DIRECTORY_FILE = 'flows/directory/services.yaml';

/**
 * What a service does, as one of a fixed set: the bot shows it in the person's language
 * (`service_topic:<topic>` in locales/), while `what` is the staff's free-text detail in English.
 */
export const SERVICE_TOPICS = [
  'avrr',
  'asylum_info',
  'legal_aid',
  'asylum_legal_aid',
  'social_work',
  'child_protection',
  'registration',
  'readmission',
  'health',
  'trafficking',
  'jobs',
  'returnee_info',
  'education',
  'psychosocial',
  'other',
] as const;
export type ServiceTopic = (typeof SERVICE_TOPICS)[number];

/** Topics only foreigners need (return counselling, asylum and its legal aid, foreigners' registration): hidden from returnees. */
export const FOREIGNER_TOPICS: readonly ServiceTopic[] = ['avrr', 'asylum_info', 'asylum_legal_aid', 'registration'];
/** Topics only citizens who came back need: hidden from foreigners. */
export const RETURNEE_TOPICS: readonly ServiceTopic[] = ['readmission', 'returnee_info'];

/** Who is looking: a citizen who came back, or a foreigner (anyone else sees every topic). */
export type Audience = 'returnee' | 'migrant';

/** Whether a service's topic is for this audience. */
export function forAudience(topic: string, audience: Audience | null): boolean {
  if (audience === 'returnee') return !(FOREIGNER_TOPICS as readonly string[]).includes(topic);
  if (audience === 'migrant') return !(RETURNEE_TOPICS as readonly string[]).includes(topic);
  return true;
}

const entrySchema = z
  .object({
    country: z.string().regex(/^[A-Z]{2}$/),
    place: z.string().nullable().default(null),
    /** The official name, in the local language. */
    name: z.string().min(1),
    topic: z.enum(SERVICE_TOPICS),
    /** The staff's English detail (never shown to people). */
    what: z.string().min(1),
    contact: z.string().default(''),
    /** When the contact answers, where known (shown with a verified contact). */
    hours: hoursSchema.optional(),
    ...sourcedFields,
  })
  .strict()
  .superRefine((e, ctx) => {
    requireSource(e, ctx);
    if (e.verified && e.contact.trim() === '') ctx.addIssue({ code: 'custom', path: ['contact'], message: 'a verified entry has a contact to show' });
  });

export type DirectoryFileEntry = z.infer<typeof entrySchema>;

export const directoryFileSchema = z
  .object({ version: z.union([z.string(), z.number()]), note: z.string().optional(), services: z.array(entrySchema) })
  .strict();

/**
 * Places first, then the rest of the country. The place matches in either script and without
 * diacritics (Брчко = Brčko = Brcko, "Brčko distrikt" = "Brčko"); an entry's place may list
 * aliases ("Beograd / Belgrade"), see `matchesPlace`.
 */
export function findServices(entries: readonly DirectoryEntry[], country: string, place: string | null): DirectoryEntry[] {
  const inCountry = entries.filter((e) => e.country === country);
  if (!place) return inCountry;
  const here = inCountry.filter((e) => e.place !== null && matchesPlace(place, placeNames(e.place)));
  return [...here, ...inCountry.filter((e) => e.place === null)];
}

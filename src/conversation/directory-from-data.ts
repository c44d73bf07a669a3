/**
 * The services directory's seed file, `flows/directory/services.yaml`, and how the bot looks a
 * place up in it. Coordinators maintain the live directory in the dashboard, seeded from this file.
 */
import { z } from 'zod';
import { matchesPlace, placeNames } from '../engine/place.js';
import type { DirectoryEntry } from './ports.js';

export const DIRECTORY_FILE = 'flows/directory/services.yaml';

/**
 * What a service does, as one of a fixed set: the bot shows it in the person's language
 * (`service_topic:<topic>` in locales/), while `what` is the staff's free-text detail in English.
 */
export const SERVICE_TOPICS = [
  'avrr',
  'asylum_info',
  'legal_aid',
  'social_work',
  'child_protection',
  'registration',
  'readmission',
  'health',
  'trafficking',
  'jobs',
  'returnee_info',
  'other',
] as const;
export type ServiceTopic = (typeof SERVICE_TOPICS)[number];

const entrySchema = z
  .object({
    country: z.string().regex(/^[A-Z]{2}$/),
    place: z.string().nullable().default(null),
    name: z.string().min(1),
    topic: z.enum(SERVICE_TOPICS),
    what: z.string().min(1),
    contact: z.string().default(''),
    verified: z.boolean().default(false),
  })
  .strict();

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

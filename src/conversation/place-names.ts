/**
 * Town names as people type them: in Latin or Cyrillic script, with or without č ć š ž đ, with
 * "distrikt" or "grad" around them, or in another language (Belgrade, Belgrad). The directory keeps
 * one spelling per place; `flows/directory/places.yaml` lists the other names a place goes by.
 */
import { parse } from 'yaml';
import { z } from 'zod';
import { foldPlace } from '../engine/place.js';

export { foldPlace };

export const PLACES_FILE = 'flows/directory/places.yaml';

const placesFileSchema = z
  .object({
    version: z.union([z.string(), z.number()]),
    note: z.string().optional(),
    places: z.array(
      z
        .object({
          name: z.string().min(1).describe('as the directory writes it'),
          country: z.string().regex(/^[A-Z]{2}$/),
          aliases: z.array(z.string().min(1)).min(1),
        })
        .strict(),
    ),
  })
  .strict();

export type PlacesFile = z.infer<typeof placesFileSchema>;

export function parsePlaces(text: string): PlacesFile {
  return placesFileSchema.parse(parse(text));
}

const cache = new WeakMap<object, PlacesFile['places']>();

/** The directory's spelling of a typed place when the places list knows another name for it; else the text. */
export function canonicalPlace(data: Readonly<Record<string, string>>, country: string, typed: string): string {
  let places = cache.get(data);
  if (!places) {
    const text = data[PLACES_FILE];
    places = text ? parsePlaces(text).places : [];
    cache.set(data, places);
  }
  const folded = foldPlace(typed);
  const known = places.find((p) => p.country === country && [p.name, ...p.aliases].some((a) => foldPlace(a) === folded));
  return known?.name ?? typed;
}

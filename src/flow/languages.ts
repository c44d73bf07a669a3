import { z } from 'zod';

/** One supported language, from `locales/languages.json`. */
export const languageSchema = z
  .object({
    tag: z.string().regex(/^[a-z]{2,3}(-[A-Z][a-z]{3})?$/),
    name: z.string().min(1).describe('the language\'s own name for itself, shown in the picker'),
    english: z.string().min(1),
    dir: z.enum(['ltr', 'rtl']),
    status: z.enum(['draft', 'reviewed']).describe('reviewed = checked by a native speaker'),
    /**
     * Language codes a chat app or browser reports that suggest this language (`sr` -> `sr-Cyrl`);
     * also the codes a chat app's own menus are set up for.
     */
    hints: z.array(z.string()).default([]).describe('language codes a chat app or browser reports that suggest this language'),
    /**
     * The locale whose CLDR data names countries and writes dates for this language, when CLDR has
     * none of its own (`rom` -> `sr-Latn`: Roma in Serbia read and type the Serbian names).
     */
    cldr: z
      .string()
      .regex(/^[a-z]{2,3}(-[A-Z][a-z]{3})?$/)
      .optional()
      .describe('locale for country names and dates when CLDR has no data for this language (rom -> sr-Latn)'),
  })
  .strict();

export const languagesSchema = z
  .object({
    $schema: z.string().optional(),
    source: z.string(),
    /**
     * Namespaces only staff read (the dashboard, the counsellors' chat tool): written in the source language
     * alone, never translated, not counted in coverage. Everything a migrant reads is translated.
     */
    staff: z
      .array(z.string().regex(/^[a-z][a-z0-9_]*$/))
      .default([])
      .describe('namespaces only staff read, kept in the source language alone (not translated, not counted)'),
    languages: z.array(languageSchema).min(1),
  })
  .strict();

export type Language = z.infer<typeof languageSchema>;

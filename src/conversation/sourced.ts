/**
 * What every phone number and contact shown to people carries in the data files: where it comes
 * from and when someone last checked it there. Unverified entries stay in the data (so the next
 * person knows what to check) but are never shown.
 */
import { z } from 'zod';

export const isoDate = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'a date: YYYY-MM-DD');

/** When a line answers: always, or on some days between two times (local time). */
export const hoursSchema = z.union([
  z.object({ always: z.literal(true) }).strict(),
  z
    .object({
      days: z.enum(['weekdays', 'daily']),
      from: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time: HH:MM'),
      to: z.string().regex(/^([01]\d|2[0-4]):[0-5]\d$/, 'a time: HH:MM'),
    })
    .strict(),
]);
export type Hours = z.infer<typeof hoursSchema>;

export const sourcedFields = {
  /** The public page the contact was checked on. */
  source: z.url().optional(),
  /** When it was last checked there. */
  checked: isoDate.optional(),
  /** Shown to people only when true; true needs `source` and `checked`. */
  verified: z.boolean().default(false),
};

/** Adds an issue for a verified entry without its source or date. */
export function requireSource(entry: { source?: string | undefined; checked?: string | undefined; verified: boolean }, ctx: z.RefinementCtx): void {
  if (!entry.verified) return;
  if (!entry.source) ctx.addIssue({ code: 'custom', path: ['source'], message: 'a verified entry needs the URL it was checked on' });
  if (!entry.checked) ctx.addIssue({ code: 'custom', path: ['checked'], message: 'a verified entry needs the date it was checked (YYYY-MM-DD)' });
}

/** The hours in the reader's words (locale keys `numbers:hours_*`). */
export function hoursText(hours: Hours, label: (key: string, params?: Record<string, string>) => string): string {
  if ('always' in hours) return label('numbers:hours_always');
  return label(`numbers:hours_${hours.days}`, { from: hours.from, to: hours.to });
}

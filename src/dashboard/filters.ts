/**
 * The queue's filters as they travel in the URL (`/admin?status=open&queue=protection&page=2`).
 * A value that does not parse is dropped rather than refused: a hand-edited URL still shows a queue.
 */
import { z } from 'zod';
import { caseStatuses } from '../conversation/ports.js';
import type { QueueFilter, QueueSort } from './ports.js';

export const WAITING = { '2h': 2, '48h': 48, '7d': 168, '30d': 720 } as const;
export const SORTS = ['priority', 'oldest', 'newest', 'reference', 'status'] as const satisfies readonly QueueSort[];
export const PAGE_SIZE = 25;

const opt = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);
const country = z.string().regex(/^[A-Z]{2}$/);

export const queueQuerySchema = z.object({
  status: opt(z.enum([...caseStatuses, 'open', 'all'])),
  queue: opt(z.enum(['protection', 'avrr', 'general'])),
  outcome: opt(z.string().regex(/^([A-Z_]{1,40}|-)$/)),
  language: opt(z.string().regex(/^[a-z]{2,3}(-[A-Z][a-z]{3})?$/)),
  nationality: opt(country),
  return: opt(country),
  urgent: opt(z.enum(['yes', 'no'])),
  unassigned: opt(z.literal('1')),
  mine: opt(z.literal('1')),
  waiting: opt(z.enum(Object.keys(WAITING) as [keyof typeof WAITING, ...Array<keyof typeof WAITING>])),
  sort: opt(z.enum(SORTS)),
  page: opt(z.coerce.number().int().min(1).max(100_000)),
});

export type QueueQuery = z.infer<typeof queueQuerySchema>;

/** Reads the query; empty fields (an untouched select) count as absent. */
export function parseQueueQuery(query: Record<string, string>): QueueQuery {
  const present = Object.fromEntries(Object.entries(query).filter(([, v]) => v !== ''));
  return queueQuerySchema.parse(present);
}

/** The store's filter for a query; `mine` holds the user's actor ids when "my cases" is on. */
export function toFilter(q: QueueQuery, now: Date, mine: string[]): QueueFilter {
  return {
    status: q.status ?? 'open',
    ...(q.queue ? { queue: q.queue } : {}),
    ...(q.outcome ? { outcome: q.outcome } : {}),
    ...(q.language ? { language: q.language } : {}),
    ...(q.nationality ? { nationality: q.nationality } : {}),
    ...(q.return ? { returnCountry: q.return } : {}),
    ...(q.urgent ? { urgent: q.urgent === 'yes' } : {}),
    ...(q.unassigned ? { unassigned: true } : {}),
    ...(q.waiting ? { createdBefore: new Date(now.getTime() - WAITING[q.waiting] * 3_600_000) } : {}),
    ...(q.mine ? { assignees: mine } : {}),
  };
}

/** The query string for the same filters with some fields changed (`undefined` removes one). */
export function queryString(q: QueueQuery, change: Partial<Record<keyof QueueQuery, string | number | undefined>> = {}): string {
  const params = new URLSearchParams();
  const merged: Record<string, string | number | undefined> = { ...q, ...change };
  for (const key of Object.keys(queueQuerySchema.shape)) {
    const value = merged[key];
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

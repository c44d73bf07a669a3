/** Pick-up targets: how long a case may wait unclaimed before the queue marks it. */
import type { CaseQueue } from '../conversation/ports.js';
import { openStatuses, type QueueRow } from './ports.js';

/** Protection cases within hours (urgent ones at once); the others within two working days. */
export function slaHours(queue: CaseQueue): number {
  return queue === 'protection' ? 2 : 48;
}

/** True when an open case has waited unclaimed longer than its queue's target. */
export function overdue(row: Pick<QueueRow, 'queue' | 'status' | 'assignee' | 'createdAt'>, now: Date): boolean {
  if (row.assignee !== null || !openStatuses.includes(row.status)) return false;
  return now.getTime() - row.createdAt.getTime() > slaHours(row.queue) * 3_600_000;
}

/** How a case stands against its pick-up target, as the pages mark it. */
export type SlaState = 'late' | 'on_time';

export function slaState(row: Parameters<typeof overdue>[0], now: Date): SlaState {
  return overdue(row, now) ? 'late' : 'on_time';
}

export type Waited = ReturnType<typeof waited>;

/** Hours (or days past two days) since a time, for the "waiting" column. */
export function waited(since: Date, now: Date): { unit: 'minutes' | 'hours' | 'days'; count: number } {
  const minutes = Math.max(0, Math.floor((now.getTime() - since.getTime()) / 60_000));
  if (minutes < 60) return { unit: 'minutes', count: minutes };
  const hours = Math.floor(minutes / 60);
  return hours < 48 ? { unit: 'hours', count: hours } : { unit: 'days', count: Math.floor(hours / 24) };
}

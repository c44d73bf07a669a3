/** Statistics (coordinators and admins): counts only, no personal data. */
import type { Hono } from 'hono';
import type { Core } from '../core.js';
import { requireRole } from '../guards.js';
import type { Labels } from '../labels.js';
import type { DashEnv } from '../types.js';
import { StatsPage } from '../views/stats.js';

const WEEKS = 12;
const DAY = 86_400_000;
/** A conversation untouched this long is counted as stopped at its open question. */
const IDLE_HOURS = 24;

/** The Mondays (UTC, ISO dates) of the last `n` weeks, oldest first, this week last. */
export function lastWeeks(now: Date, n: number): string[] {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const monday = today - ((new Date(today).getUTCDay() + 6) % 7) * DAY;
  return Array.from({ length: n }, (_, i) => new Date(monday - (n - 1 - i) * 7 * DAY).toISOString().slice(0, 10));
}

export function registerStats(app: Hono<DashEnv>, core: Core, labels: Labels): void {
  const { stats } = core.deps.stores;
  app.get('/stats', requireRole(core, 'coordinator'), async (c) => {
    const session = c.get('session');
    const now = core.now();
    const weeks = lastWeeks(now, WEEKS);
    const since = new Date(`${weeks[0] ?? now.toISOString().slice(0, 10)}T00:00:00Z`);
    const [weekly, funnel, byLanguage, byNationality, medianHours, dropOff] = await Promise.all([
      stats.weeklyByOutcome(since),
      stats.funnel(),
      stats.byLanguage(),
      stats.byNationality(15),
      stats.medianHoursToClaim(),
      stats.dropOff(new Date(now.getTime() - IDLE_HOURS * 3_600_000)),
    ]);
    return core.page(c, session, {
      title: core.t('stats.title'),
      section: 'stats',
      body: (
        <StatsPage
          t={core.t}
          labels={labels}
          weeks={weeks}
          weekly={weekly}
          funnel={funnel}
          byLanguage={byLanguage}
          byNationality={byNationality}
          medianHours={medianHours}
          dropOff={dropOff.slice(0, 25)}
        />
      ),
    });
  });
}

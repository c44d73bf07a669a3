/** Follow-up statistics (coordinators and admins): counts only, no names, no case. */
import type { Hono } from 'hono';
import { questionNames, type FollowupStatsRow } from '../../conversation/followup.js';
import type { Core } from '../core.js';
import { requireRole } from '../guards.js';
import type { Labels } from '../labels.js';
import type { DashEnv } from '../types.js';
import { FollowupStatsPage } from '../views/followup.js';

/** The rows of every country added up, one per month. */
export function sumByMonth(rows: readonly FollowupStatsRow[]): FollowupStatsRow[] {
  const months = new Map<number, FollowupStatsRow>();
  for (const r of rows) {
    const sum = months.get(r.month) ?? { country: null, month: r.month, sent: 0, answered: 0, questions: Object.fromEntries(questionNames.map((q) => [q, { answered: 0, problems: 0 }])) as FollowupStatsRow['questions'] };
    sum.sent += r.sent;
    sum.answered += r.answered;
    for (const q of questionNames) {
      sum.questions[q].answered += r.questions[q].answered;
      sum.questions[q].problems += r.questions[q].problems;
    }
    months.set(r.month, sum);
  }
  return [...months.values()].sort((a, b) => a.month - b.month);
}

export function registerFollowup(app: Hono<DashEnv>, core: Core, labels: Labels): void {
  app.get('/followup', requireRole(core, 'coordinator'), async (c) => {
    const session = c.get('session');
    const rows = await core.deps.after.stores.followup.stats();
    return core.page(c, session, {
      title: core.t('followup.title'),
      section: 'followup',
      body: <FollowupStatsPage t={core.t} labels={labels} byMonth={sumByMonth(rows)} byCountry={rows} questions={questionNames} />,
    });
  });
}

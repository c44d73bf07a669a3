/** The queue (`/admin`) and its CSV export (`/admin/applications.csv`, coordinators and admins). */
import type { Hono } from 'hono';
import type { Core } from '../core.js';
import { applicationsCsv } from '../csv.js';
import { canExport, queueLines } from '../decide.js';
import { PAGE_SIZE, parseQueueQuery, toFilter } from '../filters.js';
import { requireRole } from '../guards.js';
import type { Labels } from '../labels.js';
import { actorIds, actorName } from '../roles.js';
import { slaHours } from '../sla.js';
import type { DashEnv } from '../types.js';
import { flashOf } from '../flash.js';
import { QueuePage } from '../views/queue.js';

export function registerQueue(app: Hono<DashEnv>, core: Core, labels: Labels): void {
  const { stores } = core.deps;

  app.get('/', async (c) => {
    const session = c.get('session');
    const query = parseQueueQuery(c.req.query());
    const now = core.now();
    const filter = toFilter(query, now, actorIds(session.user));
    const page = query.page ?? 1;
    const [list, counts, facets, users] = await Promise.all([
      stores.queue.list(filter, query.sort ?? 'priority', { offset: (page - 1) * PAGE_SIZE, limit: PAGE_SIZE }),
      stores.queue.counts(now, slaHours),
      stores.queue.facets(),
      stores.auth.users(),
    ]);
    return core.page(c, session, {
      title: core.t('queue.title'),
      section: 'queue',
      flash: flashOf(core, c.req.query()),
      body: (
        <QueuePage
          v={core.view(c, session)}
          labels={labels}
          query={query}
          counts={counts}
          facets={facets}
          lines={queueLines(session.user, list.rows, users, now)}
          total={list.total}
          canExport={canExport(session.user)}
        />
      ),
    });
  });

  app.get('/applications.csv', requireRole(core, 'coordinator'), async (c) => {
    const session = c.get('session');
    const query = parseQueueQuery(c.req.query());
    const now = core.now();
    const [rows, users] = await Promise.all([
      stores.queue.exportRows(toFilter(query, now, actorIds(session.user)), query.sort ?? 'priority'),
      stores.auth.users(),
    ]);
    // The answers about safety and health only when asked for by name; the audit log says so.
    const sensitive = c.req.query('sensitive') === '1';
    const csv = applicationsCsv(rows, (id) => actorName(id, users), { sensitive });
    const filters = new URL(c.req.url).search.slice(1);
    await core.audit(session, 'export.csv', 'applications', { rows: rows.length, filters, sensitive });
    return c.body(csv, 200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="applications-${now.toISOString().slice(0, 10)}.csv"`,
    });
  });
}

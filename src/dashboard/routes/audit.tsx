/** The audit log (admins): who viewed or changed what, newest first. */
import type { Hono } from 'hono';
import { z } from 'zod';
import type { Core } from '../core.js';
import { requireRole } from '../guards.js';
import { href } from '../paths.js';
import type { DashEnv } from '../types.js';
import { Time } from '../views/layout.js';

const PAGE = 50;
const querySchema = z.object({
  action: z.string().regex(/^[a-z_.]{1,60}$/).optional().catch(undefined),
  actor: z.string().trim().min(1).max(254).optional().catch(undefined),
  target: z.string().trim().min(1).max(200).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).optional().catch(undefined),
});

export function registerAudit(app: Hono<DashEnv>, core: Core): void {
  const { audit } = core.deps.stores;
  const { t } = core;
  app.get('/audit', requireRole(core, 'admin'), async (c) => {
    const q = querySchema.parse(Object.fromEntries(Object.entries(c.req.query()).filter(([, v]) => v !== '')));
    const page = q.page ?? 1;
    const [{ rows, total }, actions] = await Promise.all([
      audit.list({ ...(q.action ? { action: q.action } : {}), ...(q.actor ? { actor: q.actor } : {}), ...(q.target ? { target: q.target } : {}), offset: (page - 1) * PAGE, limit: PAGE }),
      audit.actions(),
    ]);
    const link = (p: number) => {
      const params = new URLSearchParams(Object.entries({ ...q, page: p }).flatMap(([k, v]) => (v === undefined ? [] : [[k, String(v)]])));
      return `${href('/audit')}?${params.toString()}`;
    };
    const pages = Math.max(1, Math.ceil(total / PAGE));
    return core.page(c, c.get('session'), {
      title: t('audit.title'),
      section: 'audit',
      body: (
        <>
          <form class="filters" method="get" action={href('/audit')}>
            <label>
              {t('audit.action')}
              <select name="action">
                <option value="">{t('filter.any')}</option>
                {actions.map((a) => (
                  <option value={a} selected={q.action === a}>
                    {a}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('audit.actor')}
              <input name="actor" value={q.actor ?? ''} />
            </label>
            <label>
              {t('audit.target')}
              <input name="target" value={q.target ?? ''} />
            </label>
            <button type="submit">{t('filter.apply')}</button>
          </form>
          <p class="muted">{t('audit.total', { count: total })}</p>
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('audit.when')}</th>
                  <th scope="col">{t('audit.actor')}</th>
                  <th scope="col">{t('audit.action')}</th>
                  <th scope="col">{t('audit.target')}</th>
                  <th scope="col">{t('audit.details')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr>
                    <td>
                      <Time at={r.at} />
                    </td>
                    <td>{r.actor}</td>
                    <td>
                      <code>{r.action}</code>
                    </td>
                    <td>{r.target ?? ''}</td>
                    <td>
                      {Object.entries(r.data)
                        .map(([k, v]) => `${k}: ${String(v)}`)
                        .join(', ')}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <nav class="pager">
            {page > 1 && <a href={link(page - 1)}>{t('queue.previous')}</a>}
            <span>{t('queue.page', { page, pages })}</span>
            {page < pages && <a href={link(page + 1)}>{t('queue.next')}</a>}
          </nav>
        </>
      ),
    });
  });
}

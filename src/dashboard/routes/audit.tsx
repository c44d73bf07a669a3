/** The audit log (admins): who viewed or changed what, newest first. */
import type { Hono } from 'hono';
import { z } from 'zod';
import type { Core } from '../core.js';
import { requireRole } from '../guards.js';
import { href } from '../paths.js';
import type { DashEnv } from '../types.js';
import { AuditPage } from '../views/audit.js';

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
      body: <AuditPage v={core.view(c, c.get('session'))} query={q} actions={actions} rows={rows} total={total} page={page} pages={pages} link={link} />,
    });
  });
}

/** The lists (coordinators and admins): destinations (versioned), services directory, canned replies. */
import { SERVICE_TOPICS } from '../../conversation/directory-from-data.js';
import type { Context, Hono } from 'hono';
import { z } from 'zod';
import { TEMPLATES_NAMESPACE, templateCatalog } from '../../conversation/case-templates.js';
import type { Core } from '../core.js';
import { flashOf } from '../flash.js';
import { requireRole } from '../guards.js';
import type { Labels } from '../labels.js';
import type { LiveLists } from '../lists.js';
import { href } from '../paths.js';
import type { DestinationEntry, SessionInfo } from '../ports.js';
import type { DashEnv } from '../types.js';
import { ListsPage, type TemplateStatus } from '../views/lists.js';

const country = z.string().trim().toUpperCase().regex(/^[A-Z]{2}$/);
const basedOn = z.coerce.number().int().min(0);
const destinationForm = z.object({
  based_on: basedOn,
  country,
  status: z.enum(['open', 'limited', 'suspended']),
  since: z.string().trim().regex(/^\d{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?$/),
  note: z.string().trim().min(1).max(500),
});
const removeForm = z.object({ based_on: basedOn, country });
const serviceForm = z.object({
  id: z.union([z.literal(''), z.uuid()]).default(''),
  country,
  municipality: z.string().trim().max(120).default(''),
  name: z.string().trim().min(1).max(200),
  topic: z.enum(SERVICE_TOPICS).default('other'),
  what: z.string().trim().min(1).max(500),
  contact: z.string().trim().max(300).default(''),
  verified: z.literal('1').optional(),
});

export function registerLists(app: Hono<DashEnv>, core: Core, labels: Labels, live: LiveLists): void {
  const { stores, content } = core.deps;
  const coordinator = requireRole(core, 'coordinator');
  /** Back to the lists page, at the card that was changed, with its flash message (`done=...`). */
  const back = (c: Context, flash: string, card: 'destinations' | 'services') => c.redirect(`${href('/lists')}${flash ? `?${flash}` : ''}#${card}`, 303);

  const templateStatus = (): TemplateStatus[] =>
    templateCatalog(content.resources).map(({ name, params }) => ({
      name,
      params,
      languages: Object.fromEntries(
        content.languages.map((l) => {
          const text = content.resources[l.tag]?.[TEMPLATES_NAMESPACE]?.[name];
          return [l.tag, typeof text === 'string' && text.trim() !== ''];
        }),
      ),
    }));

  app.get('/lists', coordinator, async (c) => {
    const session = c.get('session');
    await live.ensureServices();
    const current = await live.destinations();
    const [history, services] = await Promise.all([stores.lists.destinationHistory(20), stores.lists.services()]);
    return core.page(c, session, {
      title: core.t('lists.title'),
      section: 'lists',
      flash: flashOf(core, c.req.query()),
      body: (
        <ListsPage
          v={core.view(c, session)}
          labels={labels}
          current={current}
          history={history}
          services={services}
          templates={templateStatus()}
          languages={content.languages.map((l) => ({ tag: l.tag, english: l.english, status: l.status }))}
          topics={SERVICE_TOPICS.map((id) => ({ id, label: core.deps.translator.label('en', `service_topic:${id}`) }))}
        />
      ),
    });
  });

  /** Saves `entries` as the version after `based`; someone else saving first is reported, not overwritten. */
  async function saveVersion(session: SessionInfo, based: number, entries: DestinationEntry[], change: string): Promise<string> {
    const saved = await stores.lists.saveDestinations(entries, based, change, session.user.email, core.now());
    if (!saved) return 'error=stale_list';
    await core.audit(session, 'lists.destinations', `destinations:${saved.version}`, { change });
    return 'done=destinations';
  }

  app.post('/lists/destinations', coordinator, async (c) => {
    const session = c.get('session');
    const form = destinationForm.safeParse(await c.req.parseBody());
    if (!form.success) return back(c, 'error=bad_form', 'destinations');
    const { based_on, ...fields } = form.data;
    // Saving an entry is checking it: the person is told the date with the state (intake.yaml).
    const entry: DestinationEntry = { ...fields, checked: core.now().toISOString().slice(0, 10) };
    const current = (await live.destinations())?.entries ?? [];
    const before = current.find((e) => e.country === entry.country);
    const change = `${entry.country}: ${before ? before.status : '—'} -> ${entry.status}`;
    const flash = await saveVersion(session, based_on, [...current.filter((e) => e.country !== entry.country), entry], change);
    return back(c, flash, 'destinations');
  });

  app.post('/lists/destinations/remove', coordinator, async (c) => {
    const session = c.get('session');
    const form = removeForm.safeParse(await c.req.parseBody());
    if (!form.success) return back(c, 'error=bad_form', 'destinations');
    const current = (await live.destinations())?.entries ?? [];
    const before = current.find((e) => e.country === form.data.country);
    if (!before) return back(c, '', 'destinations');
    const change = `${before.country}: ${before.status} -> removed`;
    const flash = await saveVersion(session, form.data.based_on, current.filter((e) => e.country !== form.data.country), change);
    return back(c, flash, 'destinations');
  });

  app.post('/lists/services', coordinator, async (c) => {
    const session = c.get('session');
    const form = serviceForm.safeParse(await c.req.parseBody());
    if (!form.success) return back(c, 'error=bad_form', 'services');
    const { id, verified, municipality, ...rest } = form.data;
    const saved = await stores.lists.saveService(
      id === '' ? null : id,
      { ...rest, municipality: municipality === '' ? null : municipality, verified: verified === '1' },
      session.user.email,
      core.now(),
    );
    if (!saved) return back(c, 'error=bad_form', 'services');
    await core.audit(session, id === '' ? 'lists.service_add' : 'lists.service_change', `service:${saved.id}`, { name: saved.name, verified: saved.verified });
    return back(c, 'done=service', 'services');
  });

  app.post('/lists/services/:id/delete', coordinator, async (c) => {
    const session = c.get('session');
    const id = z.uuid().safeParse(c.req.param('id'));
    if (!id.success || !(await stores.lists.deleteService(id.data))) return back(c, 'error=bad_form', 'services');
    await core.audit(session, 'lists.service_delete', `service:${id.data}`);
    return back(c, 'done=service_deleted', 'services');
  });
}

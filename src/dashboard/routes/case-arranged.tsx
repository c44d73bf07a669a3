/**
 * What is arranged on a case page (counsellors holding the case, coordinators): the documents
 * checklist, the travel details and confirming departure, each through its workflow (the case model
 * decides; the person is told).
 */
import type { Context, Hono } from 'hono';
import { z } from 'zod';
import { documentItems } from '../../conversation/documents.js';
import { TravelError } from '../../conversation/travel-workflow.js';
import type { Core } from '../core.js';
import { href } from '../paths.js';
import { canOpenCase, staffOf } from '../roles.js';
import type { DashEnv } from '../types.js';

const REFERENCE = /^[A-Z]{2,5}-\d{4}-\d{6,}$/;
/** One select per catalog item; an item not sent is not on the list. */
const itemStatus = z.enum(['none', 'needed', 'ready']).default('none');

const travelForm = z.object({
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  time: z.string().regex(/^\d{1,2}:\d{2}$/),
  zone: z.string().max(60),
  meeting_point: z.string().max(300),
  escort: z.string().max(300).default(''),
  bring: z.union([z.string(), z.array(z.string())]).default([]).transform((v) => (Array.isArray(v) ? v : [v])),
});

function workflowCode(error: unknown): string | null {
  if (error instanceof TravelError) return `travel_${error.code}`;
  if (error instanceof Error && error.name === 'CaseWorkflowError' && 'code' in error && typeof error.code === 'string') return `workflow_${error.code}`;
  return null;
}

export function registerCaseArranged(app: Hono<DashEnv>, core: Core): void {
  const back = (c: Context, reference: string, flash: string, anchor: string) => c.redirect(`${href('/cases', reference)}?${flash}#${anchor}`, 303);

  /** The case's reference when the user may open it; else the response. */
  async function opened(c: Context<DashEnv>): Promise<string | Response> {
    const session = c.get('session');
    const reference = c.req.param('reference') ?? '';
    const summary = REFERENCE.test(reference) ? await core.deps.stores.cases.summary(reference) : null;
    if (!summary) return core.errorPage(c, session, 404, core.t('errors.case_not_found'));
    if (!canOpenCase(session.user, summary)) return core.errorPage(c, session, 403, core.t('errors.not_your_case'));
    return summary.reference;
  }

  app.post('/cases/:reference/documents', async (c) => {
    const session = c.get('session');
    const reference = await opened(c);
    if (reference instanceof Response) return reference;
    const body = await c.req.parseBody();
    const parsed = documentItems.map((item) => ({ item, status: itemStatus.safeParse(body[item]) }));
    if (parsed.some((p) => !p.status.success)) return back(c, reference, 'error=bad_form', 'documents');
    const items = parsed.flatMap(({ item, status }) => (status.success && status.data !== 'none' ? [{ item, status: status.data }] : []));
    let changed: boolean;
    try {
      changed = await core.deps.after.documents.save(reference, items, staffOf(session.user));
    } catch (error) {
      const code = workflowCode(error);
      if (code === null) throw error;
      return back(c, reference, `error=${code}`, 'documents');
    }
    if (changed) await core.audit(session, 'case.documents', reference, { items: items.map((i) => `${i.item}:${i.status}`).join(',') });
    return back(c, reference, changed ? 'done=documents' : 'done=nothing_changed', 'documents');
  });

  app.post('/cases/:reference/travel', async (c) => {
    const session = c.get('session');
    const reference = await opened(c);
    if (reference instanceof Response) return reference;
    const form = travelForm.safeParse(await c.req.parseBody({ all: true }));
    if (!form.success) return back(c, reference, 'error=bad_form', 'travel');
    const f = form.data;
    try {
      const plan = await core.deps.after.travel.plan(reference, { date: f.date, time: f.time, timeZone: f.zone, meetingPoint: f.meeting_point, escort: f.escort, bring: f.bring }, staffOf(session.user));
      await core.audit(session, 'case.travel', reference, { departs_at: plan.departsAt.toISOString() });
    } catch (error) {
      const code = workflowCode(error);
      if (code === null) throw error;
      return back(c, reference, `error=${code}`, 'travel');
    }
    return back(c, reference, 'done=travel', 'travel');
  });

  app.post('/cases/:reference/departed', async (c) => {
    const session = c.get('session');
    const reference = await opened(c);
    if (reference instanceof Response) return reference;
    try {
      await core.deps.after.travel.confirmDeparture(reference, staffOf(session.user));
    } catch (error) {
      const code = workflowCode(error);
      if (code === null) throw error;
      return back(c, reference, `error=${code}`, 'travel');
    }
    await core.audit(session, 'case.departed', reference);
    return back(c, reference, 'done=departed', 'travel');
  });
}

/** One case: the page (every view audit-logged), claim, assignment, status change and notes. */
import type { Context, Hono } from 'hono';
import { z } from 'zod';
import { caseStatuses } from '../../conversation/ports.js';
import type { Core } from '../core.js';
import { assignOptions, caseDecisions, namesOf } from '../decide.js';
import { requireRole } from '../guards.js';
import type { Labels } from '../labels.js';
import { href } from '../paths.js';
import type { QueueRow, SessionInfo, User } from '../ports.js';
import { canOpenCase, staffOf } from '../roles.js';
import type { DashEnv } from '../types.js';
import { flashOf } from '../flash.js';
import { arrangedFor } from '../arranged.js';
import { CasePage, type RuleNote } from '../views/case/index.js';

const REFERENCE = /^[A-Z]{2,5}-\d{4}-\d{6,}$/;
const TRANSCRIPT_LIMIT = 300;

const statusForm = z.object({ status: z.enum(caseStatuses), reason: z.string().trim().max(500).default('') });
const noteForm = z.object({ text: z.string().trim().min(1).max(4000) });
const assignForm = z.object({ assignee: z.union([z.literal(''), z.uuid()]) });

/** The workflow's refusals (claimed by someone else, not open, ...) become a flash message. */
function workflowCode(error: unknown): string | null {
  if (error instanceof Error && error.name === 'CaseWorkflowError' && 'code' in error && typeof error.code === 'string') return error.code;
  return null;
}

export function registerCase(app: Hono<DashEnv>, core: Core, labels: Labels, rules: { notes: ReadonlyMap<string, RuleNote>; version: string | null }): void {
  const { stores } = core.deps;
  const { t } = core;
  const back = (c: Context, reference: string, flash: string) => c.redirect(`${href('/cases', reference)}?${flash}`, 303);

  const notFound = (c: Context, session: SessionInfo) => core.errorPage(c, session, 404, t('errors.case_not_found'));
  const forbidden = (c: Context, session: SessionInfo) => core.errorPage(c, session, 403, t('errors.not_your_case'));

  /** The case when the user may open it, or the response saying why not. */
  async function allowed(c: Context<DashEnv>): Promise<QueueRow | Response> {
    const session = c.get('session');
    const reference = c.req.param('reference') ?? '';
    const summary = REFERENCE.test(reference) ? await stores.cases.summary(reference) : null;
    if (!summary) return notFound(c, session);
    if (!canOpenCase(session.user, summary)) return forbidden(c, session);
    return summary;
  }

  app.get('/cases/:reference', async (c) => {
    const session = c.get('session');
    const summary = await allowed(c);
    if (summary instanceof Response) return summary;
    const detail = await stores.cases.detail(summary.reference, TRANSCRIPT_LIMIT);
    if (!detail) return notFound(c, session);
    // Personal data was shown: who saw whose, and when.
    await core.audit(session, 'case.view', summary.reference);
    const users = await stores.auth.users();
    const arranged = await arrangedFor(core, detail.id, detail.reference, detail.status);
    return core.page(c, session, {
      title: t('case.title', { reference: detail.reference }),
      section: 'queue',
      flash: flashOf(core, c.req.query()),
      body: (
        <CasePage
          v={core.view(c, session)}
          labels={labels}
          detail={detail}
          decisions={caseDecisions(session.user, detail, core.now(), core.deps.workflow() !== undefined)}
          assignOptions={assignOptions(detail, users)}
          nameOf={namesOf(users)}
          rules={rules.notes}
          rulesVersion={rules.version}
          arranged={arranged}
        />
      ),
    });
  });

  app.post('/cases/:reference/claim', async (c) => {
    const { user } = c.get('session');
    const reference = c.req.param('reference');
    const workflow = core.deps.workflow();
    if (!REFERENCE.test(reference)) return notFound(c, c.get('session'));
    if (!workflow) return c.redirect(`${href()}?error=workflow_missing`, 303);
    try {
      await workflow.claim(reference, staffOf(user));
    } catch (error) {
      const code = workflowCode(error);
      if (code === null) throw error;
      return c.redirect(`${href()}?error=workflow_${code}`, 303);
    }
    await core.audit(c.get('session'), 'case.claim', reference);
    return back(c, reference, 'done=claimed');
  });

  app.post('/cases/:reference/status', async (c) => {
    const { user } = c.get('session');
    const summary = await allowed(c);
    if (summary instanceof Response) return summary;
    const form = statusForm.safeParse(await c.req.parseBody());
    if (!form.success) return back(c, summary.reference, 'error=bad_form');
    const workflow = core.deps.workflow();
    if (!workflow) return back(c, summary.reference, 'error=workflow_missing');
    const { status, reason } = form.data;
    try {
      await workflow.setStatus(summary.reference, status, staffOf(user), reason || undefined);
    } catch (error) {
      const code = workflowCode(error);
      if (code === null) throw error;
      return back(c, summary.reference, `error=workflow_${code}`);
    }
    // The reason may name the person: it is kept (encrypted) on the case's timeline, not in the audit log.
    await core.audit(c.get('session'), 'case.status', summary.reference, { from: summary.status, to: status, with_reason: reason !== '' });
    return back(c, summary.reference, 'done=status');
  });

  app.post('/cases/:reference/assign', requireRole(core, 'coordinator'), async (c) => {
    const { user } = c.get('session');
    const summary = await allowed(c);
    if (summary instanceof Response) return summary;
    const form = assignForm.safeParse(await c.req.parseBody());
    if (!form.success) return back(c, summary.reference, 'error=bad_form');
    let target: User | null = null;
    if (form.data.assignee !== '') {
      target = await stores.auth.userById(form.data.assignee);
      if (!target || target.disabledAt !== null) return back(c, summary.reference, 'error=bad_form');
    }
    const workflow = core.deps.workflow();
    if (!workflow) return back(c, summary.reference, 'error=workflow_missing');
    let assigned;
    try {
      assigned = await workflow.assign(summary.reference, target ? staffOf(target) : null, staffOf(user));
    } catch (error) {
      const code = workflowCode(error);
      if (code === null) throw error;
      return back(c, summary.reference, `error=workflow_${code}`);
    }
    if (assigned.assignee !== summary.assignee) await core.audit(c.get('session'), 'case.assign', summary.reference, { assignee: assigned.assignee ?? '' });
    return back(c, summary.reference, 'done=assigned');
  });

  app.post('/cases/:reference/notes', async (c) => {
    const { user } = c.get('session');
    const summary = await allowed(c);
    if (summary instanceof Response) return summary;
    const form = noteForm.safeParse(await c.req.parseBody());
    if (!form.success) return back(c, summary.reference, 'error=bad_form');
    await stores.cases.addNote(summary.id, staffOf(user).id, form.data.text, core.now());
    await core.audit(c.get('session'), 'case.note', summary.reference);
    return back(c, summary.reference, 'done=note');
  });

}

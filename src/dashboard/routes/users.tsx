/** Users (admins): add staff, change roles, switch accounts off, hand out sign-in links. */
import type { Context, Hono } from 'hono';
import { z } from 'zod';
import type { Core } from '../core.js';
import { userLines } from '../decide.js';
import { flashOf } from '../flash.js';
import { requireRole } from '../guards.js';
import { href } from '../paths.js';
import { roles, type User } from '../ports.js';
import type { DashEnv } from '../types.js';
import type { Flash } from '../views/layout.js';
import { UsersPage } from '../views/users.js';

const addForm = z.object({ email: z.email().max(254).transform((e) => e.toLowerCase()), role: z.enum(roles) });
const updateForm = z.object({
  role: z.enum(roles),
  slack_user_id: z
    .string()
    .trim()
    .regex(/^([UW][A-Z0-9]{2,20})?$/)
    .transform((s) => (s === '' ? null : s)),
  // A checkbox: present when ticked.
  protection: z.literal('1').optional(),
});

export function registerUsers(app: Hono<DashEnv>, core: Core): void {
  const { auth } = core.deps.stores;
  const { t } = core;
  const admin = requireRole(core, 'admin');

  async function render(c: Context<DashEnv>, extra: { link?: { email: string; url: string }; flash?: Flash | null } = {}) {
    const session = c.get('session');
    const link = extra.link ? { ...extra.link, minutes: core.deps.env.LOGIN_LINK_MINUTES } : null;
    return core.page(c, session, {
      title: t('users.title'),
      section: 'users',
      flash: extra.flash ?? flashOf(core, c.req.query()),
      body: <UsersPage v={core.view(c, session)} lines={userLines(session.user, await auth.users())} link={link} />,
    });
  }

  const target = async (c: Context<DashEnv>): Promise<User | null> => {
    const id = z.uuid().safeParse(c.req.param('id'));
    if (!id.success) return null;
    const user = await auth.userById(id.data);
    // Nobody locks themselves out: an admin's own role and account are changed by another admin.
    return user && user.id !== c.get('session').user.id ? user : null;
  };

  app.get('/users', admin, (c) => render(c));

  app.post('/users', admin, async (c) => {
    const session = c.get('session');
    const form = addForm.safeParse(await c.req.parseBody());
    if (!form.success) return c.redirect(`${href('/users')}?error=bad_form`, 303);
    const added = await core.addUser(form.data, session);
    return render(c, { link: { email: added.user.email, url: added.link }, flash: { kind: 'done', text: t(added.created ? 'flash.done.user_added' : 'flash.done.user_updated') } });
  });

  app.post('/users/:id', admin, async (c) => {
    const session = c.get('session');
    const who = await target(c);
    const form = updateForm.safeParse(await c.req.parseBody());
    if (!who || !form.success) return c.redirect(`${href('/users')}?error=bad_form`, 303);
    const taken = form.data.slack_user_id ? await auth.userBySlackId(form.data.slack_user_id) : null;
    if (taken && taken.id !== who.id) return c.redirect(`${href('/users')}?error=slack_taken`, 303);
    const protection = form.data.protection === '1';
    await auth.updateUser(who.id, { role: form.data.role, slackUserId: form.data.slack_user_id, protection }, core.now());
    await core.audit(session, 'user.update', `user:${who.id}`, { email: who.email, role: form.data.role, slack_user_id: form.data.slack_user_id ?? '', protection });
    return c.redirect(`${href('/users')}?done=user_updated`, 303);
  });

  for (const [path, disabled] of [
    ['disable', true],
    ['enable', false],
  ] as const) {
    app.post(`/users/:id/${path}`, admin, async (c) => {
      const session = c.get('session');
      const who = await target(c);
      if (!who) return c.redirect(`${href('/users')}?error=bad_form`, 303);
      await auth.updateUser(who.id, { disabled }, core.now());
      if (disabled) await auth.deleteSessionsOf(who.id);
      await core.audit(session, `user.${path}`, `user:${who.id}`, { email: who.email });
      return c.redirect(`${href('/users')}?done=user_updated`, 303);
    });
  }

  app.post('/users/:id/link', admin, async (c) => {
    const session = c.get('session');
    const id = z.uuid().safeParse(c.req.param('id'));
    const who = id.success ? await auth.userById(id.data) : null;
    if (!who || who.disabledAt) return c.redirect(`${href('/users')}?error=bad_form`, 303);
    // Audit-logged as this admin issuing a link for them; shown this once, never stored.
    const url = await core.issueLink(who, session);
    return render(c, { link: { email: who.email, url } });
  });
}

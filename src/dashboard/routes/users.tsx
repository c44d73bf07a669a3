/** Users (admins): add staff, change roles, switch accounts off, hand out sign-in links. */
import type { Context, Hono } from 'hono';
import { z } from 'zod';
import type { Core } from '../core.js';
import { flashOf } from '../flash.js';
import { requireRole } from '../guards.js';
import { href } from '../paths.js';
import { roles, type User } from '../ports.js';
import type { DashEnv } from '../types.js';
import { Csrf, Time, type Flash } from '../views/layout.js';

const addForm = z.object({ email: z.email().max(254).transform((e) => e.toLowerCase()), role: z.enum(roles) });
const updateForm = z.object({
  role: z.enum(roles),
  slack_user_id: z
    .string()
    .trim()
    .regex(/^([UW][A-Z0-9]{2,20})?$/)
    .transform((s) => (s === '' ? null : s)),
});

export function registerUsers(app: Hono<DashEnv>, core: Core): void {
  const { auth } = core.deps.stores;
  const { t } = core;
  const admin = requireRole(core, 'admin');

  async function render(c: Context<DashEnv>, extra: { link?: { email: string; url: string }; flash?: Flash | null } = {}) {
    const session = c.get('session');
    const users = await auth.users();
    const v = core.view(c, session);
    const Row = ({ u }: { u: User }) => (
      <tr>
        <td>{u.email}</td>
        <td>
          <form method="post" action={href('/users', u.id)} class="actions">
            <Csrf token={v.csrf} />
            <label class="visually-hidden" for={`role-${u.id}`}>
              {t('users.role')}
            </label>
            <select id={`role-${u.id}`} name="role" disabled={u.id === session.user.id}>
              {roles.map((r) => (
                <option value={r} selected={u.role === r}>
                  {t(`role.${r}`)}
                </option>
              ))}
            </select>
            <label class="visually-hidden" for={`slack-${u.id}`}>
              {t('users.slack')}
            </label>
            <input id={`slack-${u.id}`} name="slack_user_id" value={u.slackUserId ?? ''} placeholder="U0123ABCD" size={12} />
            {u.id !== session.user.id && (
              <button type="submit" class="secondary">
                {t('users.save')}
              </button>
            )}
          </form>
        </td>
        <td>{u.lastSignInAt ? <Time at={u.lastSignInAt} /> : '—'}</td>
        <td>{u.disabledAt ? <span class="badge urgent">{t('users.disabled')}</span> : <span class="badge ok">{t('users.active')}</span>}</td>
        <td class="actions">
          {u.id !== session.user.id && (
            <form method="post" action={href('/users', u.id, u.disabledAt ? 'enable' : 'disable')}>
              <Csrf token={v.csrf} />
              <button type="submit" class={u.disabledAt ? 'secondary' : 'danger'}>
                {u.disabledAt ? t('users.enable') : t('users.disable')}
              </button>
            </form>
          )}
          {!u.disabledAt && (
            <form method="post" action={href('/users', u.id, 'link')}>
              <Csrf token={v.csrf} />
              <button type="submit" class="secondary">
                {t('users.new_link')}
              </button>
            </form>
          )}
        </td>
      </tr>
    );
    return core.page(c, session, {
      title: t('users.title'),
      section: 'users',
      flash: extra.flash ?? flashOf(core, c.req.query()),
      body: (
        <>
          {extra.link && (
            <section class="card" role="status">
              <p>{t('users.link_for', { email: extra.link.email, minutes: core.deps.env.LOGIN_LINK_MINUTES })}</p>
              <p>
                <code id="sign-in-link">{extra.link.url}</code>
              </p>
            </section>
          )}
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('users.email')}</th>
                  <th scope="col">{t('users.role_and_slack')}</th>
                  <th scope="col">{t('users.last_sign_in')}</th>
                  <th scope="col">{t('users.state')}</th>
                  <th scope="col">
                    <span class="visually-hidden">{t('lists.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {users.map((u) => (
                  <Row u={u} />
                ))}
              </tbody>
            </table>
          </div>
          <h2>{t('users.add')}</h2>
          <form method="post" action={href('/users')} class="filters">
            <Csrf token={v.csrf} />
            <label>
              {t('users.email')}
              <input name="email" type="email" required />
            </label>
            <label>
              {t('users.role')}
              <select name="role">
                {roles.map((r) => (
                  <option value={r}>{t(`role.${r}`)}</option>
                ))}
              </select>
            </label>
            <button type="submit">{t('users.add_button')}</button>
          </form>
        </>
      ),
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
    const { user } = c.get('session');
    const form = addForm.safeParse(await c.req.parseBody());
    if (!form.success) return c.redirect(`${href('/users')}?error=bad_form`, 303);
    const added = await core.addUser(form.data, user.email);
    return render(c, { link: { email: added.user.email, url: added.link }, flash: { kind: 'done', text: t(added.created ? 'flash.done.user_added' : 'flash.done.user_updated') } });
  });

  app.post('/users/:id', admin, async (c) => {
    const { user } = c.get('session');
    const who = await target(c);
    const form = updateForm.safeParse(await c.req.parseBody());
    if (!who || !form.success) return c.redirect(`${href('/users')}?error=bad_form`, 303);
    const taken = form.data.slack_user_id ? await auth.userBySlackId(form.data.slack_user_id) : null;
    if (taken && taken.id !== who.id) return c.redirect(`${href('/users')}?error=slack_taken`, 303);
    await auth.updateUser(who.id, { role: form.data.role, slackUserId: form.data.slack_user_id }, core.now());
    await core.audit(user, 'user.update', `user:${who.id}`, { email: who.email, role: form.data.role, slack_user_id: form.data.slack_user_id ?? '' });
    return c.redirect(`${href('/users')}?done=user_updated`, 303);
  });

  for (const [path, disabled] of [
    ['disable', true],
    ['enable', false],
  ] as const) {
    app.post(`/users/:id/${path}`, admin, async (c) => {
      const { user } = c.get('session');
      const who = await target(c);
      if (!who) return c.redirect(`${href('/users')}?error=bad_form`, 303);
      await auth.updateUser(who.id, { disabled }, core.now());
      if (disabled) await auth.deleteSessionsOf(who.id);
      await core.audit(user, `user.${path}`, `user:${who.id}`, { email: who.email });
      return c.redirect(`${href('/users')}?done=user_updated`, 303);
    });
  }

  app.post('/users/:id/link', admin, async (c) => {
    const { user } = c.get('session');
    const id = z.uuid().safeParse(c.req.param('id'));
    const who = id.success ? await auth.userById(id.data) : null;
    if (!who || who.disabledAt) return c.redirect(`${href('/users')}?error=bad_form`, 303);
    const url = await core.issueLink(who.id, `user:${user.id}`);
    await core.audit(user, 'user.sign_in_link', `user:${who.id}`, { email: who.email });
    return render(c, { link: { email: who.email, url } });
  });
}

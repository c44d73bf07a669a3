import type { UserLine } from '../decide.js';
import { href } from '../paths.js';
import { roles } from '../ports.js';
import { Badge, Card, PostButton, Table } from './components.js';
import { Csrf, Time, type ViewContext } from './layout.js';

export interface UsersProps {
  v: ViewContext;
  lines: UserLine[];
  /** A sign-in link just made, shown this once. */
  link: { email: string; url: string; minutes: number } | null;
}

function Row({ v, line }: { v: ViewContext; line: UserLine }) {
  const { t } = v;
  const { user: u } = line;
  return (
    <tr>
      <td>{u.email}</td>
      <td>
        <form method="post" action={href('/users', u.id)} class="actions">
          <Csrf token={v.csrf} />
          <label class="visually-hidden" for={`role-${u.id}`}>
            {t('users.role')}
          </label>
          <select id={`role-${u.id}`} name="role" disabled={!line.canEdit}>
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
          <label>
            <input type="checkbox" name="protection" value="1" checked={u.protection} disabled={!line.canEdit} /> {t('users.protection')}
          </label>
          {line.canEdit && (
            <button type="submit" class="secondary">
              {t('users.save')}
            </button>
          )}
        </form>
      </td>
      <td>{u.lastSignInAt ? <Time at={u.lastSignInAt} /> : '—'}</td>
      <td>{u.disabledAt ? <Badge kind="urgent">{t('users.disabled')}</Badge> : <Badge kind="ok">{t('users.active')}</Badge>}</td>
      <td class="actions">
        {line.canEdit && (
          <PostButton
            action={href('/users', u.id, u.disabledAt ? 'enable' : 'disable')}
            csrf={v.csrf}
            label={u.disabledAt ? t('users.enable') : t('users.disable')}
            button={u.disabledAt ? 'secondary' : 'danger'}
          />
        )}
        {line.canIssueLink && <PostButton action={href('/users', u.id, 'link')} csrf={v.csrf} label={t('users.new_link')} button="secondary" />}
      </td>
    </tr>
  );
}

export function UsersPage({ v, lines, link }: UsersProps) {
  const { t } = v;
  return (
    <>
      {link && (
        <Card role="status">
          <p>{t('users.link_for', { email: link.email, minutes: link.minutes })}</p>
          <p>
            <code id="sign-in-link">{link.url}</code>
          </p>
        </Card>
      )}
      <Table
        columns={[
          { label: t('users.email') },
          { label: t('users.role_and_slack') },
          { label: t('users.last_sign_in') },
          { label: t('users.state') },
          { label: t('lists.actions'), hidden: true },
        ]}
      >
        {lines.map((line) => (
          <Row v={v} line={line} />
        ))}
      </Table>
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
  );
}

import { LINK_ISSUED_BY } from '../audit.js';
import { href } from '../paths.js';
import type { AuditRecord } from '../ports.js';
import type { Text } from '../text.js';
import { Muted, Pager, Table } from './components.js';
import { Time, type ViewContext } from './layout.js';

/**
 * The details column: a sentence for actions that have one (`audit.says.<action>`), else the data as
 * `key: value`; and, for actions in a session opened with someone else's link, who issued it.
 */
function details(t: Text, r: AuditRecord): string {
  const { [LINK_ISSUED_BY]: issuer, ...data } = r.data;
  const params = Object.fromEntries(Object.entries(data).map(([k, v]) => [k, String(v)]));
  const key = `audit.says.${r.action}${data['to_themselves'] === true ? '_self' : ''}`;
  const said = t.has(key)
    ? t(key, { ...params, actor: r.actor })
    : Object.entries(params)
        .map(([k, v]) => `${k}: ${v}`)
        .join(', ');
  if (issuer === undefined || issuer === null) return said;
  const via = t('audit.via_link', { issuer: String(issuer) });
  return said ? `${said} · ${via}` : via;
}

export interface AuditProps {
  v: ViewContext;
  query: { action?: string | undefined; actor?: string | undefined; target?: string | undefined };
  /** Every action the log holds, for the filter. */
  actions: string[];
  rows: AuditRecord[];
  total: number;
  page: number;
  pages: number;
  link: (page: number) => string;
}

export function AuditPage({ v, query: q, actions, rows, total, page, pages, link }: AuditProps) {
  const { t } = v;
  return (
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
      <Muted>{t('audit.total', { count: total })}</Muted>
      <Table columns={[{ label: t('audit.when') }, { label: t('audit.actor') }, { label: t('audit.action') }, { label: t('audit.target') }, { label: t('audit.details') }]}>
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
            <td>{details(t, r)}</td>
          </tr>
        ))}
      </Table>
      <Pager t={t} page={page} pages={pages} link={link} />
    </>
  );
}

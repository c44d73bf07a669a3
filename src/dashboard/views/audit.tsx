import { href } from '../paths.js';
import type { AuditRecord } from '../ports.js';
import { Muted, Pager, Table } from './components.js';
import { Time, type ViewContext } from './layout.js';

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
            <td>
              {Object.entries(r.data)
                .map(([k, v]) => `${k}: ${String(v)}`)
                .join(', ')}
            </td>
          </tr>
        ))}
      </Table>
      <Pager t={t} page={page} pages={pages} link={link} />
    </>
  );
}

import { caseStatuses } from '../../conversation/ports.js';
import type { QueueLine } from '../decide.js';
import { PAGE_SIZE, SORTS, WAITING, queryString, type QueueQuery } from '../filters.js';
import type { Labels } from '../labels.js';
import { href } from '../paths.js';
import type { Facets, QueueCount } from '../ports.js';
import { Badge, Pager, PostButton, SelectField, Table } from './components.js';
import type { ViewContext } from './layout.js';

export interface QueueProps {
  v: ViewContext;
  labels: Labels;
  query: QueueQuery;
  counts: QueueCount[];
  facets: Facets;
  lines: QueueLine[];
  total: number;
  /** The "download CSV" button. */
  canExport: boolean;
}

function Counts({ v, labels, counts }: Pick<QueueProps, 'v' | 'labels' | 'counts'>) {
  const { t } = v;
  return (
    <section class="counts" aria-label={t('queue.counts_label')}>
      {counts.map((n) => (
        <a class={`count${n.overdue > 0 ? ' late' : ''}`} href={href() + queryString({}, { queue: n.queue })}>
          <span>{labels.queue(n.queue)}</span>
          <strong>{n.open}</strong>
          <span class="muted">{t('queue.count_detail', { unclaimed: n.unclaimed, urgent: n.urgent })}</span>
          {n.overdue > 0 && <span class="late-n"> · {t('queue.count_overdue', { count: n.overdue })}</span>}
        </a>
      ))}
    </section>
  );
}

function Filters({ v, labels, query, facets, canExport }: Pick<QueueProps, 'v' | 'labels' | 'query' | 'facets' | 'canExport'>) {
  const { t } = v;
  const any = t('filter.any');
  // The export takes the queue's filters; the second link also asks for the safety and health answers.
  const exported = href('/applications.csv') + queryString(query, { page: undefined });
  return (
    <form class="filters" method="get" action={href()} aria-label={t('queue.filters_label')}>
      <span class="field">
        <label for="f-status">{t('filter.status')}</label>
        <select id="f-status" name="status">
          <option value="open" selected={!query.status || query.status === 'open'}>
            {t('filter.status_open')}
          </option>
          <option value="all" selected={query.status === 'all'}>
            {t('filter.status_all')}
          </option>
          {caseStatuses.map((s) => (
            <option value={s} selected={query.status === s}>
              {labels.status(s)}
            </option>
          ))}
        </select>
      </span>
      <SelectField name="queue" label={t('filter.queue')} value={query.queue} any={any} options={(['protection', 'avrr', 'general'] as const).map((q) => [q, labels.queue(q)])} />
      <SelectField name="outcome" label={t('filter.outcome')} value={query.outcome} any={any} options={[...facets.outcomes.map((o): [string, string] => [o, labels.outcome(o)]), ['-', t('outcome.none')]]} />
      <SelectField name="language" label={t('filter.language')} value={query.language} any={any} options={facets.languages.map((l) => [l, labels.language(l)])} />
      <SelectField name="nationality" label={t('filter.nationality')} value={query.nationality} any={any} options={facets.nationalities.map((c) => [c, labels.country(c)])} />
      <SelectField name="return" label={t('filter.return_country')} value={query.return} any={any} options={facets.returnCountries.map((c) => [c, labels.country(c)])} />
      <SelectField name="urgent" label={t('filter.urgent')} value={query.urgent} any={any} options={[['yes', t('filter.yes')], ['no', t('filter.no')]]} />
      <SelectField name="waiting" label={t('filter.waiting')} value={query.waiting} any={any} options={Object.keys(WAITING).map((w) => [w, t(`filter.waiting_${w}`)])} />
      <SelectField name="sort" label={t('filter.sort')} value={query.sort} any={t('sort.priority')} options={SORTS.filter((s) => s !== 'priority').map((s) => [s, t(`sort.${s}`)])} />
      <label class="check">
        <input type="checkbox" name="unassigned" value="1" checked={query.unassigned === '1'} /> {t('filter.unassigned')}
      </label>
      <label class="check">
        <input type="checkbox" name="mine" value="1" checked={query.mine === '1'} /> {t('filter.mine')}
      </label>
      <div class="actions">
        <button type="submit">{t('filter.apply')}</button>
        <a class="button secondary" href={href()}>
          {t('filter.reset')}
        </a>
        {canExport && (
          <a class="button secondary" href={exported} download>
            {t('queue.download_csv')}
          </a>
        )}
        {canExport && (
          <a
            class="button secondary"
            href={`${exported}${exported.includes('?') ? '&' : '?'}sensitive=1`}
            title={t('queue.download_csv_sensitive_note')}
            download
          >
            {t('queue.download_csv_sensitive')}
          </a>
        )}
      </div>
    </form>
  );
}

function Row({ v, labels, line }: { v: ViewContext; labels: Labels; line: QueueLine }) {
  const { t } = v;
  const { row: r, waited: w } = line;
  const late = line.sla === 'late';
  return (
    <tr class={late ? 'late' : undefined} data-reference={r.reference}>
      <td class="ref">{line.canOpen ? <a href={href('/cases', r.reference)}>{r.reference}</a> : r.reference}</td>
      <td>
        <time datetime={r.createdAt.toISOString()}>{t(`waited.${w.unit}`, { count: w.count })}</time>
        {late && (
          <>
            {' '}
            <Badge kind="late">{t('queue.sla_late')}</Badge>
          </>
        )}
      </td>
      <td>
        <Badge kind={r.queue}>{labels.queue(r.queue)}</Badge>
      </td>
      <td>{labels.outcome(r.outcome)}</td>
      <td>
        {r.urgent && <Badge kind="urgent">{t('queue.urgent')}</Badge>}{' '}
        {r.rules.map((rule) => (
          <Badge kind="flag">{rule}</Badge>
        ))}
      </td>
      <td>{labels.language(r.language)}</td>
      <td>{labels.country(r.nationality)}</td>
      <td>{labels.country(r.returnCountry)}</td>
      <td>{labels.status(r.status)}</td>
      <td>
        {line.assignee !== null ? (
          line.assignee
        ) : line.canClaim ? (
          <PostButton action={href('/cases', r.reference, 'claim')} csrf={v.csrf} label={t('case.claim')} button="secondary" />
        ) : (
          '—'
        )}
      </td>
    </tr>
  );
}

const COLUMNS = ['reference', 'waiting', 'queue', 'outcome', 'flags', 'language', 'nationality', 'return_country', 'status', 'assignee'] as const;

export function QueuePage({ v, labels, query, counts, facets, lines, total, canExport }: QueueProps) {
  const { t } = v;
  const page = query.page ?? 1;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  return (
    <>
      <Counts v={v} labels={labels} counts={counts} />
      <Filters v={v} labels={labels} query={query} facets={facets} canExport={canExport} />
      <p class="muted" role="status">
        {t('queue.total', { count: total })}
      </p>
      <Table columns={COLUMNS.map((c) => ({ label: t(`col.${c}`) }))}>
        {lines.length === 0 && (
          <tr>
            <td colspan={COLUMNS.length} class="muted">
              {t('queue.empty')}
            </td>
          </tr>
        )}
        {lines.map((line) => (
          <Row v={v} labels={labels} line={line} />
        ))}
      </Table>
      <Pager t={t} page={page} pages={pages} link={(p) => href() + queryString(query, { page: p })} label={t('queue.pages_label')} />
    </>
  );
}

import { caseStatuses } from '../../conversation/ports.js';
import { PAGE_SIZE, SORTS, WAITING, queryString, type QueueQuery } from '../filters.js';
import type { Labels } from '../labels.js';
import { href } from '../paths.js';
import { openStatuses, type Facets, type QueueCount, type QueueRow, type User } from '../ports.js';
import { actorName, atLeast, canOpenCase } from '../roles.js';
import { overdue, waited } from '../sla.js';
import { Csrf, type ViewContext } from './layout.js';

export interface QueueProps {
  v: ViewContext;
  labels: Labels;
  query: QueueQuery;
  counts: QueueCount[];
  facets: Facets;
  rows: QueueRow[];
  total: number;
  users: User[];
}

function Select(props: { name: string; label: string; value: string | undefined; options: Array<[string, string]>; any: string }) {
  return (
    <span class="field">
      <label for={`f-${props.name}`}>{props.label}</label>
      <select id={`f-${props.name}`} name={props.name}>
        <option value="">{props.any}</option>
        {props.options.map(([value, text]) => (
          <option value={value} selected={props.value === value}>
            {text}
          </option>
        ))}
      </select>
    </span>
  );
}

export function QueuePage({ v, labels, query, counts, facets, rows, total, users }: QueueProps) {
  const { t, user, now } = v;
  const page = query.page ?? 1;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const coordinator = user !== null && atLeast(user, 'coordinator');
  return (
    <>
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
        <Select name="queue" label={t('filter.queue')} value={query.queue} any={t('filter.any')} options={(['protection', 'avrr', 'general'] as const).map((q) => [q, labels.queue(q)])} />
        <Select name="outcome" label={t('filter.outcome')} value={query.outcome} any={t('filter.any')} options={[...facets.outcomes.map((o): [string, string] => [o, labels.outcome(o)]), ['-', t('outcome.none')]]} />
        <Select name="language" label={t('filter.language')} value={query.language} any={t('filter.any')} options={facets.languages.map((l) => [l, labels.language(l)])} />
        <Select name="nationality" label={t('filter.nationality')} value={query.nationality} any={t('filter.any')} options={facets.nationalities.map((c) => [c, labels.country(c)])} />
        <Select name="return" label={t('filter.return_country')} value={query.return} any={t('filter.any')} options={facets.returnCountries.map((c) => [c, labels.country(c)])} />
        <Select name="urgent" label={t('filter.urgent')} value={query.urgent} any={t('filter.any')} options={[['yes', t('filter.yes')], ['no', t('filter.no')]]} />
        <Select name="waiting" label={t('filter.waiting')} value={query.waiting} any={t('filter.any')} options={Object.keys(WAITING).map((w) => [w, t(`filter.waiting_${w}`)])} />
        <Select name="sort" label={t('filter.sort')} value={query.sort} any={t('sort.priority')} options={SORTS.filter((s) => s !== 'priority').map((s) => [s, t(`sort.${s}`)])} />
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
          {coordinator && (
            <a class="button secondary" href={href('/applications.csv') + queryString(query, { page: undefined })} download>
              {t('queue.download_csv')}
            </a>
          )}
        </div>
      </form>

      <p class="muted" role="status">
        {t('queue.total', { count: total })}
      </p>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t('col.reference')}</th>
              <th scope="col">{t('col.waiting')}</th>
              <th scope="col">{t('col.queue')}</th>
              <th scope="col">{t('col.outcome')}</th>
              <th scope="col">{t('col.flags')}</th>
              <th scope="col">{t('col.language')}</th>
              <th scope="col">{t('col.nationality')}</th>
              <th scope="col">{t('col.return_country')}</th>
              <th scope="col">{t('col.status')}</th>
              <th scope="col">{t('col.assignee')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 && (
              <tr>
                <td colspan={10} class="muted">
                  {t('queue.empty')}
                </td>
              </tr>
            )}
            {rows.map((r) => {
              const late = overdue(r, now);
              const w = waited(r.createdAt, now);
              return (
                <tr class={late ? 'late' : undefined} data-reference={r.reference}>
                  <td class="ref">
                    {user && canOpenCase(user, r) ? <a href={href('/cases', r.reference)}>{r.reference}</a> : r.reference}
                  </td>
                  <td>
                    <time datetime={r.createdAt.toISOString()}>{t(`waited.${w.unit}`, { count: w.count })}</time>
                    {late && (
                      <>
                        {' '}
                        <span class="badge late">{t('queue.sla_late')}</span>
                      </>
                    )}
                  </td>
                  <td>
                    <span class={`badge ${r.queue}`}>{labels.queue(r.queue)}</span>
                  </td>
                  <td>{labels.outcome(r.outcome)}</td>
                  <td>
                    {r.urgent && <span class="badge urgent">{t('queue.urgent')}</span>}{' '}
                    {r.rules.map((rule) => (
                      <span class="badge flag">{rule}</span>
                    ))}
                  </td>
                  <td>{labels.language(r.language)}</td>
                  <td>{labels.country(r.nationality)}</td>
                  <td>{labels.country(r.returnCountry)}</td>
                  <td>{labels.status(r.status)}</td>
                  <td>
                    {r.assignee ? (
                      actorName(r.assignee, users)
                    ) : !openStatuses.includes(r.status) ? (
                      '—'
                    ) : (
                      <form method="post" action={href('/cases', r.reference, 'claim')}>
                        <Csrf token={v.csrf} />
                        <button type="submit" class="secondary">
                          {t('case.claim')}
                        </button>
                      </form>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <nav class="pager" aria-label={t('queue.pages_label')}>
        {page > 1 && <a href={href() + queryString(query, { page: page - 1 })}>{t('queue.previous')}</a>}
        <span>{t('queue.page', { page, pages })}</span>
        {page < pages && <a href={href() + queryString(query, { page: page + 1 })}>{t('queue.next')}</a>}
      </nav>
    </>
  );
}

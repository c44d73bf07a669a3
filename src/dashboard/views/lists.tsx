import type { Labels } from '../labels.js';
import { href } from '../paths.js';
import type { DestinationList, ServiceEntry } from '../ports.js';
import { Csrf, Time, type ViewContext } from './layout.js';

export interface TemplateStatus {
  name: string;
  params: string[];
  /** Language tag -> translated (present and not empty). */
  languages: Record<string, boolean>;
}

export interface ListsProps {
  v: ViewContext;
  labels: Labels;
  current: DestinationList | null;
  history: DestinationList[];
  services: ServiceEntry[];
  templates: TemplateStatus[];
  languages: Array<{ tag: string; english: string; status: string }>;
  /** The service topics with their English names (what the bot shows, translated). */
  topics: Array<{ id: string; label: string }>;
}

const STATUS_CLASS: Record<string, string> = { open: 'ok', limited: 'flag', suspended: 'urgent' };

function ServiceFields({ v, s, topics }: { v: ViewContext; s: ServiceEntry | null; topics: ListsProps['topics'] }) {
  const { t } = v;
  return (
    <>
      <label class="field">
        {t('lists.service_country')}
        <input name="country" required pattern="[A-Z]{2}" maxlength={2} size={3} value={s?.country ?? ''} />
      </label>
      <label class="field">
        {t('lists.service_place')}
        <input name="municipality" maxlength={120} value={s?.municipality ?? ''} />
      </label>
      <label class="field">
        {t('lists.service_name')}
        <input name="name" required maxlength={200} value={s?.name ?? ''} />
      </label>
      <label class="field">
        {t('lists.service_topic')}
        <select name="topic" required>
          {topics.map((o) => (
            <option value={o.id} selected={(s?.topic ?? 'other') === o.id}>
              {o.label}
            </option>
          ))}
        </select>
      </label>
      <label class="field">
        {t('lists.service_what')}
        <input name="what" required maxlength={500} size={40} value={s?.what ?? ''} />
      </label>
      <label class="field">
        {t('lists.service_contact')}
        <input name="contact" maxlength={300} value={s?.contact ?? ''} />
      </label>
      <label class="check">
        <input type="checkbox" name="verified" value="1" checked={s?.verified ?? false} /> {t('lists.service_verified')}
      </label>
    </>
  );
}

export function ListsPage({ v, labels, current, history, services, templates, languages, topics }: ListsProps) {
  const { t } = v;
  const basedOn = String(current?.version ?? 0);
  return (
    <>
      <section class="card" id="destinations">
        <h2>{t('lists.destinations')}</h2>
        <p class="muted">
          {current
            ? t('lists.version', { version: current.version, by: current.changedBy, change: current.change })
            : t('lists.no_destinations')}
        </p>
        <p class="muted">{t('lists.destinations_note')}</p>
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('lists.country')}</th>
                <th scope="col">{t('lists.status')}</th>
                <th scope="col">{t('lists.since_col')}</th>
                <th scope="col">{t('lists.note')}</th>
                <th scope="col">
                  <span class="visually-hidden">{t('lists.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {(current?.entries ?? []).map((e) => (
                <tr>
                  <td>{labels.country(e.country)}</td>
                  <td>
                    <span class={`badge ${STATUS_CLASS[e.status] ?? ''}`}>{t(`destination.${e.status}`)}</span>
                  </td>
                  <td>{e.since}</td>
                  <td>{e.note}</td>
                  <td>
                    <form method="post" action={href('/lists/destinations/remove')}>
                      <Csrf token={v.csrf} />
                      <input type="hidden" name="based_on" value={basedOn} />
                      <input type="hidden" name="country" value={e.country} />
                      <button type="submit" class="secondary">
                        {t('lists.remove')}
                      </button>
                    </form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <h3>{t('lists.change_destination')}</h3>
        <form method="post" action={href('/lists/destinations')} class="filters">
          <Csrf token={v.csrf} />
          <input type="hidden" name="based_on" value={basedOn} />
          <label>
            {t('lists.country_code')}
            <input name="country" required pattern="[A-Z]{2}" maxlength={2} size={3} />
          </label>
          <label>
            {t('lists.status')}
            <select name="status">
              {(['open', 'limited', 'suspended'] as const).map((s) => (
                <option value={s}>{t(`destination.${s}`)}</option>
              ))}
            </select>
          </label>
          <label>
            {t('lists.since')}
            <input name="since" required pattern="\d{4}-\d{2}(-\d{2})?" placeholder="2026-11-23" size={11} />
          </label>
          <label>
            {t('lists.note')}
            <input name="note" required maxlength={500} size={50} />
          </label>
          <button type="submit">{t('lists.save_version')}</button>
        </form>
        <details>
          <summary>{t('lists.history')}</summary>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('lists.version_col')}</th>
                <th scope="col">{t('lists.when')}</th>
                <th scope="col">{t('lists.by')}</th>
                <th scope="col">{t('lists.what_changed')}</th>
              </tr>
            </thead>
            <tbody>
              {history.map((h) => (
                <tr>
                  <td>{h.version}</td>
                  <td>
                    <Time at={h.createdAt} />
                  </td>
                  <td>{h.changedBy}</td>
                  <td>{h.change}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      </section>

      <section class="card" id="services">
        <h2>{t('lists.services')}</h2>
        <p class="muted">{t('lists.services_note')}</p>
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('lists.country')}</th>
                <th scope="col">{t('lists.service_place')}</th>
                <th scope="col">{t('lists.service_name')}</th>
                <th scope="col">{t('lists.service_topic')}</th>
                <th scope="col">{t('lists.service_what')}</th>
                <th scope="col">{t('lists.service_contact')}</th>
                <th scope="col">
                  <span class="visually-hidden">{t('lists.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {services.map((s) => (
                <tr>
                  <td>{s.country}</td>
                  <td>{s.municipality ?? t('lists.whole_country')}</td>
                  <td>{s.name}</td>
                  <td>{topics.find((o) => o.id === s.topic)?.label ?? s.topic}</td>
                  <td>{s.what}</td>
                  <td>
                    {s.contact || '—'}{' '}
                    {s.verified ? <span class="badge ok">{t('lists.verified')}</span> : <span class="badge flag">{t('lists.to_be_verified')}</span>}
                  </td>
                  <td>
                    <details>
                      <summary>{t('lists.edit')}</summary>
                      <form method="post" action={href('/lists/services')} class="filters">
                        <Csrf token={v.csrf} />
                        <input type="hidden" name="id" value={s.id} />
                        <ServiceFields v={v} s={s} topics={topics} />
                        <button type="submit">{t('lists.save')}</button>
                      </form>
                      <form method="post" action={href('/lists/services', s.id, 'delete')}>
                        <Csrf token={v.csrf} />
                        <button type="submit" class="danger">
                          {t('lists.delete')}
                        </button>
                      </form>
                    </details>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <h3>{t('lists.add_service')}</h3>
        <form method="post" action={href('/lists/services')} class="filters">
          <Csrf token={v.csrf} />
          <ServiceFields v={v} s={null} topics={topics} />
          <button type="submit">{t('lists.add')}</button>
        </form>
      </section>

      <section class="card" id="templates">
        <h2>{t('lists.templates')}</h2>
        <p class="muted">{t('lists.templates_note')}</p>
        {templates.length === 0 ? (
          <p class="muted">{t('lists.no_templates')}</p>
        ) : (
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('lists.template')}</th>
                  <th scope="col">{t('lists.template_values')}</th>
                  {languages.map((l) => (
                    <th scope="col">
                      {l.english} <span class="muted">({t(`language_status.${l.status}`)})</span>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {templates.map((tpl) => (
                  <tr>
                    <td>
                      <code>{tpl.name}</code>
                    </td>
                    <td>{tpl.params.join(', ') || '—'}</td>
                    {languages.map((l) =>
                      tpl.languages[l.tag] ? (
                        <td>
                          <span class="badge ok">{t('lists.translated')}</span>
                        </td>
                      ) : (
                        <td>
                          <span class="badge flag">{t('lists.missing')}</span>
                        </td>
                      ),
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}

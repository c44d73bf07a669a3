import type { Labels } from '../labels.js';
import { href } from '../paths.js';
import type { DestinationList, DestinationStatus, ServiceEntry } from '../ports.js';
import { Badge, Card, Muted, PostButton, Table } from './components.js';
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

const STATUS_CLASS: Record<DestinationStatus, string> = { open: 'ok', limited: 'flag', suspended: 'urgent' };

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
      <Card title={t('lists.destinations')} id="destinations">
        <p class="muted">
          {current
            ? t('lists.version', { version: current.version, by: current.changedBy, change: current.change })
            : t('lists.no_destinations')}
        </p>
        <Muted>{t('lists.destinations_note')}</Muted>
        <Table
          columns={[{ label: t('lists.country') }, { label: t('lists.status') }, { label: t('lists.since_col') }, { label: t('lists.note') }, { label: t('lists.actions'), hidden: true }]}
        >
          {(current?.entries ?? []).map((e) => (
            <tr>
              <td>{labels.country(e.country)}</td>
              <td>
                <Badge kind={STATUS_CLASS[e.status]}>{t(`destination.${e.status}`)}</Badge>
              </td>
              <td>{e.since}</td>
              <td>{e.note}</td>
              <td>
                <PostButton action={href('/lists/destinations/remove')} csrf={v.csrf} label={t('lists.remove')} button="secondary" fields={{ based_on: basedOn, country: e.country }} />
              </td>
            </tr>
          ))}
        </Table>
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
          <Table wrap={false} columns={[{ label: t('lists.version_col') }, { label: t('lists.when') }, { label: t('lists.by') }, { label: t('lists.what_changed') }]}>
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
          </Table>
        </details>
      </Card>

      <Card title={t('lists.services')} id="services">
        <Muted>{t('lists.services_note')}</Muted>
        <Table
          columns={[
            { label: t('lists.country') },
            { label: t('lists.service_place') },
            { label: t('lists.service_name') },
            { label: t('lists.service_topic') },
            { label: t('lists.service_what') },
            { label: t('lists.service_contact') },
            { label: t('lists.actions'), hidden: true },
          ]}
        >
          {services.map((s) => (
            <tr>
              <td>{s.country}</td>
              <td>{s.municipality ?? t('lists.whole_country')}</td>
              <td>{s.name}</td>
              <td>{topics.find((o) => o.id === s.topic)?.label ?? s.topic}</td>
              <td>{s.what}</td>
              <td>
                {s.contact || '—'} {s.verified ? <Badge kind="ok">{t('lists.verified')}</Badge> : <Badge kind="flag">{t('lists.to_be_verified')}</Badge>}
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
                  <PostButton action={href('/lists/services', s.id, 'delete')} csrf={v.csrf} label={t('lists.delete')} button="danger" />
                </details>
              </td>
            </tr>
          ))}
        </Table>
        <h3>{t('lists.add_service')}</h3>
        <form method="post" action={href('/lists/services')} class="filters">
          <Csrf token={v.csrf} />
          <ServiceFields v={v} s={null} topics={topics} />
          <button type="submit">{t('lists.add')}</button>
        </form>
      </Card>

      <Card title={t('lists.templates')} id="templates">
        <Muted>{t('lists.templates_note')}</Muted>
        {templates.length === 0 ? (
          <Muted>{t('lists.no_templates')}</Muted>
        ) : (
          <Table
            columns={[
              { label: t('lists.template') },
              { label: t('lists.template_values') },
              ...languages.map((l) => ({
                label: (
                  <>
                    {l.english} <span class="muted">({t(`language_status.${l.status}`)})</span>
                  </>
                ),
              })),
            ]}
          >
            {templates.map((tpl) => (
              <tr>
                <td>
                  <code>{tpl.name}</code>
                </td>
                <td>{tpl.params.join(', ') || '—'}</td>
                {languages.map((l) => (
                  <td>{tpl.languages[l.tag] ? <Badge kind="ok">{t('lists.translated')}</Badge> : <Badge kind="flag">{t('lists.missing')}</Badge>}</td>
                ))}
              </tr>
            ))}
          </Table>
        )}
      </Card>
    </>
  );
}

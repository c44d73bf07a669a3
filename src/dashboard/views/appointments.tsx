/** The appointments page: one day's times and bookings, adding a time, and the offices list. */
import type { Office } from '../../conversation/appointment-ports.js';
import { formatClock } from '../../conversation/local-time.js';
import type { SlotDecision } from '../appointment-decisions.js';
import type { Labels } from '../labels.js';
import { href } from '../paths.js';
import { Badge, Card, Muted, PostButton, Table } from './components.js';
import { Csrf, type ViewContext } from './layout.js';

export interface AppointmentsProps {
  v: ViewContext;
  labels: Labels;
  day: string;
  previous: string;
  next: string;
  zone: string;
  zones: string[];
  lines: SlotDecision[];
  offices: Office[];
  languages: Array<{ tag: string; english: string }>;
  modes: readonly string[];
  /** Coordinators keep the offices list. */
  canKeepOffices: boolean;
}

function Booking({ v, labels, d }: { v: ViewContext; labels: Labels; d: SlotDecision }) {
  const { t } = v;
  const b = d.slot.booking;
  if (!b) return <Badge kind="ok">{t('appointments.free')}</Badge>;
  return (
    <>
      <a href={href('/cases', b.reference)}>{b.reference}</a> · {labels.language(b.language)} · <Badge kind={b.status === 'no_show' ? 'late' : 'flag'}>{t(`appointments.status.${b.status}`)}</Badge>
    </>
  );
}

function Actions({ v, d, day }: { v: ViewContext; d: SlotDecision; day: string }) {
  const { t } = v;
  const b = d.slot.booking;
  const back = { back: day };
  return (
    <div class="actions">
      {d.canWithdraw && <PostButton action={href('/appointments/slots', d.slot.id, 'withdraw')} csrf={v.csrf} label={t('appointments.withdraw')} button="secondary" fields={back} />}
      {b && d.canRecord && (
        <>
          <PostButton action={href('/appointments', b.appointmentId, 'attendance')} csrf={v.csrf} label={t('appointments.attended')} fields={{ ...back, attended: 'yes' }} />
          <PostButton action={href('/appointments', b.appointmentId, 'attendance')} csrf={v.csrf} label={t('appointments.no_show')} button="danger" fields={{ ...back, attended: 'no' }} />
        </>
      )}
      {b && d.canCancel && <PostButton action={href('/appointments', b.appointmentId, 'cancel')} csrf={v.csrf} label={t('appointments.cancel')} button="secondary" fields={back} />}
      {b && <a href={href('/appointments', b.appointmentId, 'calendar.ics')}>{t('appointments.ics')}</a>}
    </div>
  );
}

function AddTime({ v, p }: { v: ViewContext; p: AppointmentsProps }) {
  const { t } = v;
  return (
    <Card title={t('appointments.add_title')} id="add">
      <form method="post" action={href('/appointments')} class="filters">
        <Csrf token={v.csrf} />
        <label class="field">
          {t('appointments.date')}
          <input type="date" name="date" required value={p.day} />
        </label>
        <label class="field">
          {t('appointments.time')}
          <input type="time" name="time" required />
        </label>
        <label class="field">
          {t('appointments.minutes')}
          <input type="number" name="minutes" min={10} max={240} value="45" required />
        </label>
        <label class="field">
          {t('appointments.mode')}
          <select name="mode">
            {p.modes.map((m) => (
              <option value={m}>{t(`appointments.modes.${m}`)}</option>
            ))}
          </select>
        </label>
        <label class="field">
          {t('appointments.office')}
          <select name="office">
            <option value="">{t('appointments.no_office')}</option>
            {p.offices
              .filter((o) => o.active)
              .map((o) => (
                <option value={o.id}>{o.name}</option>
              ))}
          </select>
        </label>
        <label class="field">
          {t('appointments.zone')}
          <select name="zone">
            {p.zones.map((z) => (
              <option value={z} selected={z === p.zone}>
                {z}
              </option>
            ))}
          </select>
        </label>
        <fieldset class="field">
          <legend>{t('appointments.languages')}</legend>
          {p.languages.map((l) => (
            <label class="check">
              <input type="checkbox" name="languages" value={l.tag} /> {l.english}
            </label>
          ))}
        </fieldset>
        <button type="submit">{t('appointments.add')}</button>
      </form>
      <Muted>{t('appointments.add_note')}</Muted>
    </Card>
  );
}

function Offices({ v, offices }: { v: ViewContext; offices: Office[] }) {
  const { t } = v;
  const fields = (o: Office | null) => (
    <>
      <label class="field">
        {t('appointments.office_name')}
        <input name="name" required maxlength={120} value={o?.name ?? ''} />
      </label>
      <label class="field">
        {t('appointments.office_address')}
        <input name="address" required maxlength={300} size={40} value={o?.address ?? ''} />
      </label>
      <label class="field">
        {t('appointments.office_country')}
        <input name="country" required pattern="[A-Z]{2}" maxlength={2} size={3} value={o?.country ?? 'BA'} />
      </label>
      <label class="field">
        {t('appointments.zone')}
        <input name="zone" required maxlength={60} value={o?.timeZone ?? 'Europe/Sarajevo'} />
      </label>
      <label class="check">
        <input type="checkbox" name="active" value="1" checked={o ? o.active : true} /> {t('appointments.office_active')}
      </label>
    </>
  );
  return (
    <Card title={t('appointments.offices_title')} id="offices">
      <Muted>{t('appointments.offices_note')}</Muted>
      {offices.map((o) => (
        <form method="post" action={href('/appointments/offices')} class="filters">
          <Csrf token={v.csrf} />
          <input type="hidden" name="id" value={o.id} />
          {fields(o)}
          <button type="submit" class="secondary">
            {t('appointments.office_save')}
          </button>
        </form>
      ))}
      <form method="post" action={href('/appointments/offices')} class="filters">
        <Csrf token={v.csrf} />
        {fields(null)}
        <button type="submit">{t('appointments.office_add')}</button>
      </form>
    </Card>
  );
}

export function AppointmentsPage(p: AppointmentsProps) {
  const { v, labels } = p;
  const { t } = v;
  const day = (d: string) => `${href('/appointments')}?day=${d}`;
  return (
    <>
      <Card title={t('appointments.day_title', { day: p.day })}>
        <nav class="pager" aria-label={t('appointments.days')}>
          <a href={day(p.previous)}>{t('appointments.previous')}</a>
          <form method="get" action={href('/appointments')} class="actions">
            <input type="date" name="day" value={p.day} aria-label={t('appointments.date')} />
            <button type="submit" class="secondary">
              {t('appointments.show')}
            </button>
          </form>
          <a href={day(p.next)}>{t('appointments.next')}</a>
        </nav>
        {p.lines.length === 0 ? (
          <Muted>{t('appointments.none')}</Muted>
        ) : (
          <Table
            columns={[
              { label: t('appointments.col_time') },
              { label: t('appointments.col_way') },
              { label: t('appointments.col_languages') },
              { label: t('appointments.col_counsellor') },
              { label: t('appointments.col_booking') },
              { label: t('appointments.col_actions'), hidden: true },
            ]}
          >
            {p.lines.map((d) => (
              <tr>
                <td>
                  <time datetime={d.slot.startsAt.toISOString()}>{formatClock(d.slot.startsAt, 'en', d.slot.timeZone)}</time> ({d.slot.minutes} min, {d.slot.timeZone})
                </td>
                <td>
                  {t(`appointments.modes.${d.slot.mode}`)}
                  {d.slot.office && <div class="muted">{d.slot.office.name}</div>}
                </td>
                <td>{d.slot.languages.map((l) => labels.language(l)).join(', ')}</td>
                <td>{d.mine ? <strong>{d.slot.counsellorName}</strong> : d.slot.counsellorName}</td>
                <td>
                  <Booking v={v} labels={labels} d={d} />
                </td>
                <td>
                  <Actions v={v} d={d} day={p.day} />
                </td>
              </tr>
            ))}
          </Table>
        )}
      </Card>
      <AddTime v={v} p={p} />
      {p.canKeepOffices && <Offices v={v} offices={p.offices} />}
    </>
  );
}

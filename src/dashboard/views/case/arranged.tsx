/** What is arranged for the case: its appointments (and, below, documents, travel and follow-up). */
import { formatWhen } from '../../../conversation/local-time.js';
import type { AppointmentDecision } from '../../appointment-decisions.js';
import { href } from '../../paths.js';
import { Badge, Card, Facts, Muted, PostButton, Table } from '../components.js';
import { Csrf, type ViewContext } from '../layout.js';

export interface ChecklistRow {
  item: string;
  /** The document's name as staff read it. */
  label: string;
  /** `none`: not on this case's list. */
  status: 'none' | 'needed' | 'ready';
}

export interface TravelCard {
  reference: string;
  plan: {
    /** The wall clock where the travel starts: date, time, zone. */
    date: string;
    time: string;
    timeZone: string;
    departsAt: Date;
    meetingPoint: string;
    escort: string;
    bring: string[];
    confirmedAt: Date | null;
    problem: string | null;
  } | null;
  /** The case's travel is booked: details can be entered. */
  canPlan: boolean;
  /** Booked, planned, and the departure time has passed. */
  canConfirmDeparture: boolean;
  bringOptions: Array<{ id: string; label: string }>;
  zones: string[];
}

export interface FollowupCard {
  /** A `followup.status.*` key's value, or null when it was not asked yet. */
  status: string | null;
  checkins: Array<{ month: number; status: string; answers: Array<[question: string, answer: string]>; urgent: boolean }>;
}

export interface Arranged {
  appointments: AppointmentDecision[];
  documents: { rows: ChecklistRow[]; ready: number; total: number; reference: string };
  travel: TravelCard;
  followup: FollowupCard;
}

function Appointments({ v, list }: { v: ViewContext; list: AppointmentDecision[] }) {
  const { t } = v;
  const back = { back: 'case' };
  return (
    <Card title={t('appointments.case_title')} id="appointments">
      {list.length === 0 ? (
        <Muted>{t('appointments.case_none')}</Muted>
      ) : (
        <Table columns={[{ label: t('appointments.case_col_when') }, { label: t('appointments.case_col_way') }, { label: t('appointments.case_col_status') }, { label: t('appointments.col_actions'), hidden: true }]}>
          {list.map(({ appointment: a, canRecord, canCancel }) => (
            <tr>
              <td>
                <time datetime={a.slot.startsAt.toISOString()}>{formatWhen(a.slot.startsAt, 'en', a.slot.timeZone)}</time> ({a.slot.timeZone})
              </td>
              <td>
                {t(`appointments.modes.${a.slot.mode}`)}
                {a.slot.office && <div class="muted">{a.slot.office.name}</div>} <div class="muted">{a.slot.counsellorName}</div>
              </td>
              <td>
                <Badge kind={a.status === 'no_show' ? 'late' : a.status === 'attended' ? 'ok' : 'flag'}>{t(`appointments.status.${a.status}`)}</Badge>
              </td>
              <td>
                <div class="actions">
                  {canRecord && (
                    <>
                      <PostButton action={href('/appointments', a.id, 'attendance')} csrf={v.csrf} label={t('appointments.attended')} fields={{ ...back, attended: 'yes' }} />
                      <PostButton action={href('/appointments', a.id, 'attendance')} csrf={v.csrf} label={t('appointments.no_show')} button="danger" fields={{ ...back, attended: 'no' }} />
                    </>
                  )}
                  {canCancel && <PostButton action={href('/appointments', a.id, 'cancel')} csrf={v.csrf} label={t('appointments.cancel')} button="secondary" fields={back} />}
                  {(a.status === 'booked' || a.status === 'attended' || a.status === 'no_show') && <a href={href('/appointments', a.id, 'calendar.ics')}>{t('appointments.ics')}</a>}
                </div>
              </td>
            </tr>
          ))}
        </Table>
      )}
    </Card>
  );
}

function Documents({ v, documents }: { v: ViewContext; documents: Arranged['documents'] }) {
  const { t } = v;
  return (
    <Card title={t('documents.title')} id="documents">
      <p>{documents.total === 0 ? t('documents.empty') : t('documents.progress', { ready: documents.ready, total: documents.total })}</p>
      <form method="post" action={href('/cases', documents.reference, 'documents')}>
        <Csrf token={v.csrf} />
        <Table columns={[{ label: t('documents.col_document') }, { label: t('documents.col_status') }]}>
          {documents.rows.map((r) => (
            <tr>
              <td>
                <label for={`doc-${r.item}`}>{r.label}</label>
              </td>
              <td>
                <select id={`doc-${r.item}`} name={r.item}>
                  {(['none', 'needed', 'ready'] as const).map((s) => (
                    <option value={s} selected={s === r.status}>
                      {t(`documents.status.${s}`)}
                    </option>
                  ))}
                </select>
              </td>
            </tr>
          ))}
        </Table>
        <Muted>{t('documents.note')}</Muted>
        <button type="submit">{t('documents.save')}</button>
      </form>
    </Card>
  );
}

function Travel({ v, travel }: { v: ViewContext; travel: TravelCard }) {
  const { t } = v;
  const p = travel.plan;
  return (
    <Card title={t('travel.title')} id="travel">
      {p ? (
        <Facts
          items={[
            [t('travel.when'), <><time datetime={p.departsAt.toISOString()}>{`${p.date} ${p.time}`}</time> ({p.timeZone})</>],
            [t('travel.meeting_point'), p.meetingPoint],
            [t('travel.escort'), p.escort || '—'],
            [t('travel.bring'), p.bring.length ? p.bring.map((b) => travel.bringOptions.find((o) => o.id === b)?.label ?? b).join(', ') : '—'],
            [
              t('travel.answer'),
              p.problem ? <Badge kind="urgent">{t('travel.problem', { problem: t(`travel.problems.${p.problem}`) })}</Badge> : p.confirmedAt ? <Badge kind="ok">{t('travel.confirmed')}</Badge> : t('travel.waiting'),
            ],
          ]}
        />
      ) : (
        <Muted>{travel.canPlan ? t('travel.none') : t('travel.not_booked')}</Muted>
      )}
      {travel.canConfirmDeparture && <PostButton action={href('/cases', travel.reference, 'departed')} csrf={v.csrf} label={t('travel.confirm_departure')} formClass="actions" />}
      {travel.canPlan && (
        <details open={p === null}>
          <summary>{p ? t('travel.change') : t('travel.enter')}</summary>
          <form method="post" action={href('/cases', travel.reference, 'travel')} class="filters">
            <Csrf token={v.csrf} />
            <label class="field">
              {t('travel.date')}
              <input type="date" name="date" required value={p?.date ?? ''} />
            </label>
            <label class="field">
              {t('travel.time')}
              <input type="time" name="time" required value={p?.time ?? ''} />
            </label>
            <label class="field">
              {t('travel.zone')}
              <select name="zone">
                {travel.zones.map((z) => (
                  <option value={z} selected={z === (p?.timeZone ?? travel.zones[0])}>
                    {z}
                  </option>
                ))}
              </select>
            </label>
            <label class="field">
              {t('travel.meeting_point')}
              <input name="meeting_point" required maxlength={300} size={40} value={p?.meetingPoint ?? ''} />
            </label>
            <label class="field">
              {t('travel.escort')}
              <input name="escort" maxlength={300} value={p?.escort ?? ''} />
            </label>
            <fieldset class="field">
              <legend>{t('travel.bring')}</legend>
              {travel.bringOptions.map((o) => (
                <label class="check">
                  <input type="checkbox" name="bring" value={o.id} checked={p?.bring.includes(o.id) ?? false} /> {o.label}
                </label>
              ))}
            </fieldset>
            <button type="submit">{t('travel.save')}</button>
          </form>
          <Muted>{t('travel.note')}</Muted>
        </details>
      )}
    </Card>
  );
}

function Followup({ v, followup }: { v: ViewContext; followup: FollowupCard }) {
  const { t } = v;
  return (
    <Card title={t('followup.case_title')} id="followup">
      <p>{followup.status ? t(`followup.status.${followup.status}`) : t('followup.case_none')}</p>
      {followup.checkins.map((c) => (
        <details open={c.status === 'answered'}>
          <summary>
            {t('followup.month', { month: c.month })} · {t(`followup.checkin_status.${c.status}`)} {c.urgent && <Badge kind="urgent">{t('followup.question.urgent')}</Badge>}
          </summary>
          {c.answers.length > 0 && <Facts items={c.answers.map(([q, a]) => [t(`followup.question.${q}`), t(`followup.answer.${a}`)])} />}
        </details>
      ))}
    </Card>
  );
}

export function ArrangedParts({ v, arranged }: { v: ViewContext; arranged: Arranged }) {
  return (
    <div class="grid">
      <Travel v={v} travel={arranged.travel} />
      <Appointments v={v} list={arranged.appointments} />
      <Documents v={v} documents={arranged.documents} />
      <Followup v={v} followup={arranged.followup} />
    </div>
  );
}

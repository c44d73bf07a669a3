/** What is arranged for the case: its appointments (and, below, documents, travel and follow-up). */
import { formatWhen } from '../../../conversation/local-time.js';
import type { AppointmentDecision } from '../../appointment-decisions.js';
import { href } from '../../paths.js';
import { Badge, Card, Muted, PostButton, Table } from '../components.js';
import { Csrf, type ViewContext } from '../layout.js';

export interface ChecklistRow {
  item: string;
  /** The document's name as staff read it. */
  label: string;
  /** `none`: not on this case's list. */
  status: 'none' | 'needed' | 'ready';
}

export interface Arranged {
  appointments: AppointmentDecision[];
  documents: { rows: ChecklistRow[]; ready: number; total: number; reference: string };
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

export function ArrangedParts({ v, arranged }: { v: ViewContext; arranged: Arranged }) {
  return (
    <div class="grid">
      <Appointments v={v} list={arranged.appointments} />
      <Documents v={v} documents={arranged.documents} />
    </div>
  );
}

/** Follow-up after return, aggregated: how many answered, how many report each problem, by country and time since return. */
import type { FollowupQuestion, FollowupStatsRow } from '../../conversation/followup.js';
import type { Labels } from '../labels.js';
import type { Text } from '../text.js';
import { Card, Muted, Table } from './components.js';

export interface FollowupStatsProps {
  t: Text;
  labels: Labels;
  /** All countries together, one row per month. */
  byMonth: FollowupStatsRow[];
  /** One row per country and month. */
  byCountry: FollowupStatsRow[];
  questions: readonly FollowupQuestion[];
}

const share = (part: number, whole: number): string => (whole > 0 ? `${part} / ${whole}` : '—');

function Rows({ t, rows, questions, country }: { t: Text; rows: FollowupStatsRow[]; questions: readonly FollowupQuestion[]; country?: (row: FollowupStatsRow) => string }) {
  return (
    <Table
      columns={[
        ...(country ? [{ label: t('followup.col_country') }] : []),
        { label: t('followup.col_month') },
        { label: t('followup.col_sent'), num: true },
        { label: t('followup.col_answered'), num: true },
        ...questions.map((q) => ({ label: t(`followup.question.${q}`), num: true })),
      ]}
    >
      {rows.map((r) => (
        <tr>
          {country && <td>{country(r)}</td>}
          <td>{t('followup.month', { month: r.month })}</td>
          <td class="num">{r.sent}</td>
          <td class="num">{r.answered}</td>
          {questions.map((q) => (
            <td class="num">{share(r.questions[q].problems, r.questions[q].answered)}</td>
          ))}
        </tr>
      ))}
    </Table>
  );
}

export function FollowupStatsPage(p: FollowupStatsProps) {
  const { t } = p;
  return (
    <>
      <Muted>{t('followup.note')}</Muted>
      <Card title={t('followup.by_month')}>{p.byMonth.length === 0 ? <Muted>{t('stats.empty')}</Muted> : <Rows t={t} rows={p.byMonth} questions={p.questions} />}</Card>
      <Card title={t('followup.by_country')}>
        {p.byCountry.length === 0 ? <Muted>{t('stats.empty')}</Muted> : <Rows t={t} rows={p.byCountry} questions={p.questions} country={(r) => p.labels.country(r.country)} />}
      </Card>
    </>
  );
}

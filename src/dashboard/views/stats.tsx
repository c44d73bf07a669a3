import type { Labels } from '../labels.js';
import type { Funnel, QuestionDropOff, WeekCount } from '../ports.js';
import type { Text } from '../text.js';
import { HorizontalBars, StackedColumns, palette, type Series } from './charts.js';
import { Card, Muted, Table } from './components.js';

export interface StatsProps {
  t: Text;
  labels: Labels;
  weeks: string[];
  weekly: WeekCount[];
  funnel: Funnel;
  byLanguage: Array<{ key: string; conversations: number; cases: number }>;
  byNationality: Array<{ key: string; cases: number }>;
  medianHours: number | null;
  dropOff: QuestionDropOff[];
}

const OUTCOME_COLORS: Record<string, string> = {
  REFER_PROTECTION: '#8e44ad',
  NOT_ELIGIBLE: '#c0392b',
  '-': '#95a5a6',
  COUNSELLOR_REVIEW: '#d68910',
  LIKELY_ELIGIBLE: '#1e8449',
};

const FUNNEL_STEPS = ['started', 'consented', 'screened', 'applied', 'claimed', 'departed'] as const;

/** `part` of `whole` as a whole percentage. */
function percent(part: number, whole: number): string {
  return whole > 0 ? `${Math.round((100 * part) / whole)}%` : '—';
}

export function StatsPage(p: StatsProps) {
  const { t, labels } = p;
  const outcomes = [...new Set(p.weekly.map((w) => w.outcome))].sort();
  const series: Series[] = outcomes.map((o, i) => ({ key: o, label: labels.outcome(o === '-' ? null : o), color: OUTCOME_COLORS[o] ?? palette(i + 4) }));
  const value = (week: string, outcome: string) => p.weekly.find((w) => w.week === week && w.outcome === outcome)?.count ?? 0;
  const start = p.funnel.started;
  return (
    <>
      <Card title={t('stats.weekly')}>
        <StackedColumns id="weekly" title={t('stats.weekly')} periods={p.weeks} series={series} value={value} empty={t('stats.empty')} />
        <details>
          <summary>{t('stats.as_table')}</summary>
          <Table wrap={false} columns={[{ label: t('stats.week') }, ...series.map((s) => ({ label: s.label, num: true }))]}>
            {p.weeks.map((w) => (
              <tr>
                <th scope="row">{w}</th>
                {series.map((s) => (
                  <td class="num">{value(w, s.key)}</td>
                ))}
              </tr>
            ))}
          </Table>
        </details>
      </Card>

      <div class="grid">
        <Card title={t('stats.funnel')}>
          <HorizontalBars
            id="funnel"
            title={t('stats.funnel')}
            series={[{ key: 'n', label: t('stats.funnel'), color: '#0b4f8a' }]}
            rows={FUNNEL_STEPS.map((step) => ({ label: t(`funnel.${step}`), values: [p.funnel[step]], note: percent(p.funnel[step], start) }))}
            empty={t('stats.empty')}
          />
          <Muted>{t('stats.funnel_note')}</Muted>
        </Card>
        <Card title={t('stats.time_to_claim')}>
          <p class="big">{p.medianHours === null ? '—' : t('stats.hours', { count: p.medianHours.toFixed(1) })}</p>
          <Muted>{t('stats.time_to_claim_note')}</Muted>
        </Card>
      </div>

      <div class="grid">
        <Card title={t('stats.by_language')}>
          <HorizontalBars
            id="languages"
            title={t('stats.by_language')}
            series={[
              { key: 'conversations', label: t('stats.conversations'), color: '#0b4f8a' },
              { key: 'cases', label: t('stats.cases'), color: '#d68910' },
            ]}
            rows={p.byLanguage.map((r) => ({ label: r.key === '-' ? t('stats.unknown') : labels.language(r.key), values: [r.conversations, r.cases] }))}
            empty={t('stats.empty')}
          />
        </Card>
        <Card title={t('stats.by_nationality')}>
          <HorizontalBars
            id="nationalities"
            title={t('stats.by_nationality')}
            series={[{ key: 'cases', label: t('stats.cases'), color: '#16a085' }]}
            rows={p.byNationality.map((r) => ({ label: r.key === '-' ? t('stats.unknown') : labels.country(r.key), values: [r.cases] }))}
            empty={t('stats.empty')}
          />
        </Card>
      </div>

      <Card title={t('stats.drop_off')}>
        <Muted>{t('stats.drop_off_note')}</Muted>
        {p.dropOff.length === 0 ? (
          <Muted>{t('stats.empty')}</Muted>
        ) : (
          <Table columns={[{ label: t('stats.question') }, { label: t('stats.reached'), num: true }, { label: t('stats.dropped'), num: true }, { label: t('stats.rate') }]}>
            {p.dropOff.map((q) => (
              <tr>
                <td>
                  <code>
                    {q.flow}.{q.node}
                  </code>
                </td>
                <td class="num">{q.reached}</td>
                <td class="num">{q.dropped}</td>
                <td>
                  <meter min={0} max={1} value={q.reached ? q.dropped / q.reached : 0}></meter> {percent(q.dropped, q.reached)}
                </td>
              </tr>
            ))}
          </Table>
        )}
      </Card>
    </>
  );
}

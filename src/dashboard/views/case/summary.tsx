/** The case's header card: status, queue and flags, where and when it came in, who has it, consent. */
import type { CaseDecisions } from '../../decide.js';
import type { CaseDetail } from '../../ports.js';
import { Badge, Card, Facts } from '../components.js';
import { Time } from '../layout.js';
import type { CaseParts } from './index.js';

export function Summary({ v, labels, detail: d, decisions, nameOf }: CaseParts & { decisions: CaseDecisions }) {
  const { t } = v;
  return (
    <Card title={t('case.summary')}>
      <Facts
        items={[
          [t('col.status'), <strong>{labels.status(d.status)}</strong>],
          [t('col.queue'), <QueueFlags v={v} labels={labels} detail={d} late={decisions.sla === 'late'} />],
          [t('col.created'), <Time at={d.createdAt} />],
          [t('col.channel'), t.or(`channel.${d.channel}`, d.channel)],
          [t('col.language'), labels.language(d.language)],
          [t('col.nationality'), labels.country(d.nationality)],
          [t('col.return_country'), labels.country(d.returnCountry)],
          [t('col.host_country'), labels.country(d.hostCountry)],
          [t('col.assignee'), d.assignee ? nameOf(d.assignee) : t('case.nobody')],
          [t('case.reachable'), d.contact.reachable ? t('answer.yes') : t('case.unreachable')],
          [t('case.reach'), <strong class={d.contact.reach === 'wait' ? 'warn' : undefined}>{t(`case.reach_${d.contact.reach}`)}</strong>],
          [t('case.consent'), consent(v.t, d)],
        ]}
      />
    </Card>
  );
}

function QueueFlags({ v, labels, detail: d, late }: Pick<CaseParts, 'v' | 'labels'> & { detail: CaseDetail; late: boolean }) {
  const { t } = v;
  return (
    <>
      <Badge kind={d.queue}>{labels.queue(d.queue)}</Badge> {labels.kind(d.kind)}
      {d.urgent && (
        <>
          {' '}
          <Badge kind="urgent">{t('queue.urgent')}</Badge>
        </>
      )}
      {late && (
        <>
          {' '}
          <Badge kind="late">{t('queue.sla_late')}</Badge>
        </>
      )}
    </>
  );
}

function consent(t: CaseParts['v']['t'], d: CaseDetail): string {
  const given = d.contact.consent;
  if (!given) return t('case.consent_none');
  return t('case.consent_given', { notice: given.notice, date: given.at.slice(0, 10) }) + (given.sensitive ? ` · ${t('case.consent_sensitive')}` : '');
}

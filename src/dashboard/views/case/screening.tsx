/** The screening card: outcome, route, the rules version, and each fired rule as the rules file explains it. */
import { Badge, Card, Facts, Muted } from '../components.js';
import type { CaseParts, RuleNote } from './index.js';

const RULE_BADGE = new Map([
  ['flag', 'flag'],
  ['stop', 'urgent'],
]);

export function Screening({ v, labels, detail: d, rules, rulesVersion }: CaseParts & { rules: ReadonlyMap<string, RuleNote>; rulesVersion: string | null }) {
  const { t } = v;
  const fired = d.rules.map((id) => ({ id, rule: rules.get(id) }));
  return (
    <Card title={t('case.screening')}>
      <Facts
        items={[
          [t('col.outcome'), <strong>{labels.outcome(d.outcome)}</strong>],
          [t('case.route'), d.route ? t.or(`route.${d.route}`, d.route) : '—'],
          [t('case.rules_version'), d.rulesVersion ?? '—'],
        ]}
      />
      <h3>{t('case.fired_rules')}</h3>
      {fired.length === 0 ? (
        <Muted>{t('case.no_rules')}</Muted>
      ) : (
        <ul class="rules">
          {fired.map(({ id, rule }) => (
            <li>
              <Badge kind={(rule && RULE_BADGE.get(rule.kind)) ?? ''}>{id}</Badge> {rule ? `${t.or(`rule_kind.${rule.kind}`, rule.kind)}: ${rule.note}` : t('case.rule_unknown')}
            </li>
          ))}
        </ul>
      )}
      {/* The case was screened under other rules than the ones in force now. */}
      {rulesVersion && d.rulesVersion && !d.rulesVersion.includes(rulesVersion) && <Muted>{t('case.rules_changed', { version: rulesVersion })}</Muted>}
    </Card>
  );
}

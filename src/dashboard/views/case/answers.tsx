/** A card of answers (the screening's, or the personal details), label and value, sorted by name. */
import type { Scalar } from '../../../flow/schema.js';
import type { Text } from '../../text.js';
import { Card, Facts, Muted } from '../components.js';

function value(t: Text, v: Scalar): string {
  if (v === true) return t('answer.yes');
  if (v === false) return t('answer.no');
  if (v === null || v === '') return '—';
  return String(v);
}

export function Answers({ t, title, answers }: { t: Text; title: string; answers: Record<string, Scalar> }) {
  const names = Object.keys(answers).sort();
  return (
    <Card title={title}>
      {names.length === 0 ? <Muted>{t('case.none')}</Muted> : <Facts items={names.map((n) => [t.or(`answer.${n}`, n), value(t, answers[n] ?? null)])} />}
    </Card>
  );
}

/** A card of answers (the screening's, or the personal details), label and value, sorted by name. */
import type { Value } from '../../../flow/schema.js';
import type { Text } from '../../text.js';
import { Card, Facts, Muted } from '../components.js';

function value(t: Text, v: Value): string {
  // A list of choices, or the people travelling along (one item per person).
  if (Array.isArray(v)) {
    const items = v.map((i) => (i !== null && typeof i === 'object' ? Object.values(i).map((x) => value(t, x)).join(', ') : value(t, i)));
    return items.length > 0 ? items.join('; ') : '—';
  }
  if (v === true) return t('answer.yes');
  if (v === false) return t('answer.no');
  if (v === null || v === '') return '—';
  return String(v);
}

export function Answers({ t, title, answers }: { t: Text; title: string; answers: Record<string, Value> }) {
  const names = Object.keys(answers).sort();
  return (
    <Card title={title}>
      {names.length === 0 ? <Muted>{t('case.none')}</Muted> : <Facts items={names.map((n) => [t.or(`answer.${n}`, n), value(t, answers[n] ?? null)])} />}
    </Card>
  );
}

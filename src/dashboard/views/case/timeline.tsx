/** The timeline card: the case's events and internal notes in time order, and the form for a new note. */
import type { Scalar } from '../../../flow/schema.js';
import type { Labels } from '../../labels.js';
import { href } from '../../paths.js';
import type { Text } from '../../text.js';
import { Card } from '../components.js';
import { Csrf, Time } from '../layout.js';
import type { CaseParts } from './index.js';

/** One timeline line: `event.<kind>` with the event's data, or the kind and data as they are. */
function describe(t: Text, kind: string, data: Record<string, Scalar>, labels: Labels, nameOf: CaseParts['nameOf']): string {
  const params: Record<string, string> = {};
  for (const [k, v] of Object.entries(data)) params[k] = v === null ? '' : String(v);
  if (typeof data['from'] === 'string') params['from'] = labels.status(data['from']);
  if (typeof data['to'] === 'string') params['to'] = labels.status(data['to']);
  if (typeof data['assignee'] === 'string') params['assignee'] = nameOf(data['assignee']) || t('case.nobody');
  if (typeof data['channel'] === 'string') params['channel'] = t.or(`channel.${data['channel']}`, data['channel']);
  if (t.has(`event.${kind}`)) return t(`event.${kind}`, params);
  const extra = Object.entries(params)
    .filter(([k]) => k !== 'by')
    .map(([k, v]) => `${k}: ${v}`)
    .join(', ');
  return extra ? `${kind} (${extra})` : kind;
}

export function Timeline({ v, labels, detail: d, nameOf }: CaseParts) {
  const { t } = v;
  const lines = [
    ...d.events.map((e) => ({ at: e.at, actor: e.actor, text: describe(t, e.kind, e.data, labels, nameOf), reason: typeof e.data['reason'] === 'string' ? e.data['reason'] : null })),
    ...d.notes.map((n) => ({ at: n.at, actor: n.author, text: t('event.note'), reason: n.text ?? t('case.note_erased') })),
  ].sort((a, b) => a.at.getTime() - b.at.getTime());
  return (
    <Card title={t('case.timeline')}>
      <ol class="timeline">
        {lines.map((e) => (
          <li>
            <Time at={e.at} /> · <strong>{t.or(`actor.${e.actor}`, nameOf(e.actor) || e.actor)}</strong> · {e.text}
            {e.reason && <div>{e.reason}</div>}
          </li>
        ))}
      </ol>
      <form method="post" action={href('/cases', d.reference, 'notes')}>
        <Csrf token={v.csrf} />
        <p class="field">
          <label for="note">{t('case.note')}</label>
          <textarea id="note" name="text" required maxlength={4000}></textarea>
        </p>
        <button type="submit" class="secondary">
          {t('case.add_note')}
        </button>
      </form>
    </Card>
  );
}

import { caseStatuses } from '../../conversation/ports.js';
import type { Scalar, Value } from '../../flow/schema.js';
import { plainText } from '../../i18n/html.js';
import type { Labels } from '../labels.js';
import { openStatuses, type CaseDetail, type User } from '../ports.js';
import { actorIds, actorName, atLeast } from '../roles.js';
import { overdue } from '../sla.js';
import type { Text } from '../text.js';
import { Csrf, Time, type ViewContext } from './layout.js';

/** A fired rule as the rules file explains it. */
export interface RuleNote {
  kind: string;
  note: string;
}

export interface CaseProps {
  v: ViewContext;
  labels: Labels;
  detail: CaseDetail;
  users: User[];
  rules: ReadonlyMap<string, RuleNote>;
  rulesVersion: string | null;
  canChange: boolean;
}

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

function Answers({ t, title, answers }: { t: Text; title: string; answers: Record<string, Value> }) {
  const names = Object.keys(answers).sort();
  return (
    <section class="card">
      <h2>{title}</h2>
      {names.length === 0 ? (
        <p class="muted">{t('case.none')}</p>
      ) : (
        <dl class="facts">
          {names.map((n) => (
            <>
              <dt>{t.or(`answer.${n}`, n)}</dt>
              <dd>{value(t, answers[n] ?? null)}</dd>
            </>
          ))}
        </dl>
      )}
    </section>
  );
}

/** One timeline line: `event.<kind>` with the event's data, or the kind and data as they are. */
function describe(t: Text, kind: string, data: Record<string, Scalar>, labels: Labels, users: readonly User[]): string {
  const params: Record<string, string> = {};
  for (const [k, v] of Object.entries(data)) params[k] = v === null ? '' : String(v);
  if (typeof data['from'] === 'string') params['from'] = labels.status(data['from']);
  if (typeof data['to'] === 'string') params['to'] = labels.status(data['to']);
  if (typeof data['assignee'] === 'string') params['assignee'] = actorName(data['assignee'], users) || t('case.nobody');
  if (typeof data['channel'] === 'string') params['channel'] = t.or(`channel.${data['channel']}`, data['channel']);
  if (t.has(`event.${kind}`)) return t(`event.${kind}`, params);
  const extra = Object.entries(params)
    .filter(([k]) => k !== 'by')
    .map(([k, v]) => `${k}: ${v}`)
    .join(', ');
  return extra ? `${kind} (${extra})` : kind;
}

export function CasePage({ v, labels, detail: d, users, rules, rulesVersion, canChange }: CaseProps) {
  const { t, user, now } = v;
  const coordinator = user !== null && atLeast(user, 'coordinator');
  const open = openStatuses.includes(d.status);
  const timeline = [
    ...d.events.map((e) => ({ at: e.at, actor: e.actor, text: describe(t, e.kind, e.data, labels, users), reason: typeof e.data['reason'] === 'string' ? e.data['reason'] : null })),
    ...d.notes.map((n) => ({ at: n.at, actor: n.author, text: t('event.note'), reason: n.text ?? t('case.note_erased') })),
  ].sort((a, b) => a.at.getTime() - b.at.getTime());
  const fired = d.rules.map((id) => ({ id, rule: rules.get(id) }));
  return (
    <>
      <div class="grid">
        <section class="card">
          <h2>{t('case.summary')}</h2>
          <dl class="facts">
            <dt>{t('col.status')}</dt>
            <dd>
              <strong>{labels.status(d.status)}</strong>
            </dd>
            <dt>{t('col.queue')}</dt>
            <dd>
              <span class={`badge ${d.queue}`}>{labels.queue(d.queue)}</span> {labels.kind(d.kind)}
              {d.urgent && (
                <>
                  {' '}
                  <span class="badge urgent">{t('queue.urgent')}</span>
                </>
              )}
              {overdue(d, now) && (
                <>
                  {' '}
                  <span class="badge late">{t('queue.sla_late')}</span>
                </>
              )}
            </dd>
            <dt>{t('col.created')}</dt>
            <dd>
              <Time at={d.createdAt} />
            </dd>
            <dt>{t('col.channel')}</dt>
            <dd>{t.or(`channel.${d.channel}`, d.channel)}</dd>
            <dt>{t('col.language')}</dt>
            <dd>{labels.language(d.language)}</dd>
            <dt>{t('col.nationality')}</dt>
            <dd>{labels.country(d.nationality)}</dd>
            <dt>{t('col.return_country')}</dt>
            <dd>{labels.country(d.returnCountry)}</dd>
            <dt>{t('col.host_country')}</dt>
            <dd>{labels.country(d.hostCountry)}</dd>
            <dt>{t('col.assignee')}</dt>
            <dd>{d.assignee ? actorName(d.assignee, users) : t('case.nobody')}</dd>
            <dt>{t('case.reachable')}</dt>
            <dd>{d.contact.reachable ? t('answer.yes') : t('case.unreachable')}</dd>
            <dt>{t('case.consent')}</dt>
            <dd>
              {d.contact.consent
                ? t('case.consent_given', { notice: d.contact.consent.notice, date: d.contact.consent.at.slice(0, 10) }) +
                  (d.contact.consent.sensitive ? ` · ${t('case.consent_sensitive')}` : '')
                : t('case.consent_none')}
            </dd>
          </dl>
        </section>

        <section class="card">
          <h2>{t('case.actions')}</h2>
          {!d.assignee && open && (
            <form method="post" action={`/admin/cases/${d.reference}/claim`} class="actions">
              <Csrf token={v.csrf} />
              <button type="submit">{t('case.claim')}</button>
            </form>
          )}
          {coordinator && (
            <form method="post" action={`/admin/cases/${d.reference}/assign`} class="actions">
              <Csrf token={v.csrf} />
              <span class="field">
                <label for="assignee">{t('case.assign_to')}</label>
                <select id="assignee" name="assignee">
                  <option value="">{t('case.nobody')}</option>
                  {users
                    .filter((u) => u.disabledAt === null)
                    .map((u) => {
                      const ids = actorIds(u);
                      return (
                        <option value={u.id} selected={d.assignee !== null && ids.includes(d.assignee)}>
                          {u.email}
                        </option>
                      );
                    })}
                </select>
              </span>
              <button type="submit" class="secondary">
                {t('case.assign')}
              </button>
            </form>
          )}
          {canChange && (
            <form method="post" action={`/admin/cases/${d.reference}/status`}>
              <Csrf token={v.csrf} />
              <p class="field">
                <label for="status">{t('case.new_status')}</label>
                <select id="status" name="status">
                  {caseStatuses.map((s) => (
                    <option value={s} selected={s === d.status}>
                      {labels.status(s)}
                    </option>
                  ))}
                </select>
              </p>
              <p class="field">
                <label for="reason">{t('case.reason')}</label>
                <textarea id="reason" name="reason" maxlength={500}></textarea>
              </p>
              <p class="muted">{d.contact.reachable ? t('case.status_told') : t('case.status_not_told')}</p>
              <button type="submit">{t('case.change_status')}</button>
            </form>
          )}
        </section>
      </div>

      <section class="card">
        <h2>{t('case.screening')}</h2>
        <dl class="facts">
          <dt>{t('col.outcome')}</dt>
          <dd>
            <strong>{labels.outcome(d.outcome)}</strong>
          </dd>
          <dt>{t('case.route')}</dt>
          <dd>{d.route ? t.or(`route.${d.route}`, d.route) : '—'}</dd>
          <dt>{t('case.rules_version')}</dt>
          <dd>{d.rulesVersion ?? '—'}</dd>
        </dl>
        <h3>{t('case.fired_rules')}</h3>
        {fired.length === 0 ? (
          <p class="muted">{t('case.no_rules')}</p>
        ) : (
          <ul class="rules">
            {fired.map(({ id, rule }) => (
              <li>
                <span class={`badge ${rule?.kind === 'flag' ? 'flag' : rule?.kind === 'stop' ? 'urgent' : ''}`}>{id}</span>{' '}
                {rule ? `${t.or(`rule_kind.${rule.kind}`, rule.kind)}: ${rule.note}` : t('case.rule_unknown')}
              </li>
            ))}
          </ul>
        )}
        {rulesVersion && d.rulesVersion && !d.rulesVersion.includes(rulesVersion) && <p class="muted">{t('case.rules_changed', { version: rulesVersion })}</p>}
      </section>

      {d.erased && <p class="flash error">{t('case.erased')}</p>}
      <div class="grid">
        <Answers t={t} title={t('case.answers')} answers={d.answers} />
        <Answers t={t} title={t('case.personal')} answers={d.personal} />
      </div>

      <section class="card">
        <h2>{t('case.timeline')}</h2>
        <ol class="timeline">
          {timeline.map((e) => (
            <li>
              <Time at={e.at} /> · <strong>{t.or(`actor.${e.actor}`, actorName(e.actor, users) || e.actor)}</strong> · {e.text}
              {e.reason && <div>{e.reason}</div>}
            </li>
          ))}
        </ol>
        <form method="post" action={`/admin/cases/${d.reference}/notes`}>
          <Csrf token={v.csrf} />
          <p class="field">
            <label for="note">{t('case.note')}</label>
            <textarea id="note" name="text" required maxlength={4000}></textarea>
          </p>
          <button type="submit" class="secondary">
            {t('case.add_note')}
          </button>
        </form>
      </section>

      <section class="card">
        <h2>{t('case.transcript')}</h2>
        {d.transcript.length === 0 ? (
          <p class="muted">{t('case.none')}</p>
        ) : (
          <div class="transcript" dir="auto">
            {d.transcript.map((m) => (
              <div class={`msg ${m.direction}`} dir="auto">
                <Time at={m.at} />
                <div>{m.direction === 'out' ? plainText(m.text) : m.text}</div>
              </div>
            ))}
          </div>
        )}
      </section>
    </>
  );
}

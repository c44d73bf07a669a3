/** The case's actions card: claim, assign (coordinators), change the status (told to the person). */
import { caseStatuses } from '../../../conversation/ports.js';
import type { AssignOption, CaseDecisions } from '../../decide.js';
import { href } from '../../paths.js';
import { Card, PostButton } from '../components.js';
import { Csrf } from '../layout.js';
import type { CaseParts } from './index.js';

export function Actions({ v, labels, detail: d, decisions, assignOptions }: CaseParts & { decisions: CaseDecisions; assignOptions: AssignOption[] }) {
  const { t } = v;
  return (
    <Card title={t('case.actions')}>
      {decisions.canClaim && <PostButton action={href('/cases', d.reference, 'claim')} csrf={v.csrf} label={t('case.claim')} formClass="actions" />}
      {decisions.canAssign && (
        <form method="post" action={href('/cases', d.reference, 'assign')} class="actions">
          <Csrf token={v.csrf} />
          <span class="field">
            <label for="assignee">{t('case.assign_to')}</label>
            <select id="assignee" name="assignee">
              <option value="">{t('case.nobody')}</option>
              {assignOptions.map((o) => (
                <option value={o.id} selected={o.selected}>
                  {o.email}
                </option>
              ))}
            </select>
          </span>
          <button type="submit" class="secondary">
            {t('case.assign')}
          </button>
        </form>
      )}
      {decisions.canChangeStatus && (
        <form method="post" action={href('/cases', d.reference, 'status')}>
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
    </Card>
  );
}

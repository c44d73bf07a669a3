/** One case's page, in parts: summary, actions, screening, answers, timeline (with notes), transcript. */
import type { AssignOption, CaseDecisions } from '../../decide.js';
import type { Labels } from '../../labels.js';
import type { CaseDetail } from '../../ports.js';
import type { ViewContext } from '../layout.js';
import { Actions } from './actions.js';
import { Answers } from './answers.js';
import { ArrangedParts, type Arranged } from './arranged.js';
import { Screening } from './screening.js';
import { Summary } from './summary.js';
import { Timeline } from './timeline.js';
import { Transcript } from './transcript.js';

/** A fired rule as the rules file explains it. */
export interface RuleNote {
  kind: string;
  note: string;
}

/** What every part of the page reads. */
export interface CaseParts {
  v: ViewContext;
  labels: Labels;
  detail: CaseDetail;
  /** A stored actor id (`user:<id>`, `slack:U1`) as the page shows it; '' for none. */
  nameOf: (actorId: string | null) => string;
}

export interface CaseProps extends CaseParts {
  decisions: CaseDecisions;
  /** Who the case can be assigned to (shown when `decisions.canAssign`). */
  assignOptions: AssignOption[];
  rules: ReadonlyMap<string, RuleNote>;
  /** The rules version in force now. */
  rulesVersion: string | null;
  /** Appointments, documents, travel, follow-up. */
  arranged: Arranged;
}

export function CasePage(p: CaseProps) {
  const { t } = p.v;
  const parts: CaseParts = { v: p.v, labels: p.labels, detail: p.detail, nameOf: p.nameOf };
  return (
    <>
      <div class="grid">
        <Summary {...parts} decisions={p.decisions} />
        <Actions {...parts} decisions={p.decisions} assignOptions={p.assignOptions} />
      </div>
      <ArrangedParts v={p.v} arranged={p.arranged} />
      <Screening {...parts} rules={p.rules} rulesVersion={p.rulesVersion} />
      {p.detail.erased && <p class="flash error">{t('case.erased')}</p>}
      <div class="grid">
        <Answers t={t} title={t('case.answers')} answers={p.detail.answers} />
        <Answers t={t} title={t('case.personal')} answers={p.detail.personal} />
      </div>
      <Timeline {...parts} />
      <Transcript t={t} transcript={p.detail.transcript} />
    </>
  );
}

/** A workflow refusal as the counsellor reads it. */
import type { CaseWorkflowError } from '../../conversation/case-workflow-impl.js';
import { mention } from './card.js';
import type { SlackText } from './mrkdwn.js';

export function workflowErrorText(error: CaseWorkflowError, t: SlackText): string {
  switch (error.code) {
    case 'claimed_by_other': {
      const who = mention(error.detail['assignee'] ?? '');
      return who ? t.md('slack:error.claimed_by_other', {}, { user: who }) : t.md('slack:error.claimed_elsewhere');
    }
    case 'not_open':
      return t.md('slack:error.not_open', { status: t.plain(`slack:status.${error.detail['status'] ?? 'closed'}`) });
    case 'not_found':
      return t.md('slack:error.not_found');
    case 'unreachable':
      return t.md('slack:error.unreachable');
    case 'missing_values':
      return t.md('slack:error.missing_values', { missing: error.detail['missing'] ?? '' });
    case 'not_allowed':
      return t.md('slack:error.not_allowed', {
        from: t.plain(`slack:status.${error.detail['from'] ?? 'submitted'}`),
        to: t.plain(`slack:status.${error.detail['to'] ?? 'submitted'}`),
      });
    case 'forbidden':
      return t.md(error.detail['reason'] === 'protection_only' ? 'slack:error.protection_only' : 'slack:error.forbidden');
    case 'conflict':
      return t.md('slack:error.conflict');
    case 'bad_values':
      return t.md('slack:error.bad_values', { bad: error.detail['bad'] ?? '', places: error.detail['places'] || t.plain('slack:error.no_places') });
    case 'do_not_message_first':
      return t.md('slack:error.do_not_message_first');
    case 'unknown_status':
    case 'unknown_template':
      return t.md('slack:error.unknown');
    default: {
      const never: never = error.code;
      return never;
    }
  }
}

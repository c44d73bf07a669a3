/** What the Slack card and thread show after a case changed, whoever changed it (Slack or dashboard). */
import type { CaseFollower } from '../../conversation/case-workflow-impl.js';
import type { Language } from '../../flow/languages.js';
import { actorRef } from './actor.js';
import { languageName } from './card.js';
import type { SlackText } from './mrkdwn.js';
import { cardItem, noteItem } from './outbox-items.js';

export function slackFollower(t: SlackText, languages: readonly Language[]): CaseFollower {
  return (view, change) => {
    const by = actorRef(change.actor);
    switch (change.kind) {
      case 'claimed':
        return [cardItem(view.id), noteItem(view.id, 'slack:thread.line_open', by.params, by.raw)];
      case 'status':
        if (change.to === 'closed') return [cardItem(view.id), noteItem(view.id, 'slack:thread.line_closed', by.params, by.raw)];
        return [
          cardItem(view.id),
          noteItem(
            view.id,
            change.reason ? 'slack:thread.status_reason' : 'slack:thread.status',
            { ...by.params, status: t.plain(`slack:status.${change.to}`), ...(change.reason ? { reason: change.reason } : {}) },
            by.raw,
          ),
        ];
      case 'template':
        return [
          // Re-drawn so the select is empty again: Slack only reports a select when its value changes.
          cardItem(view.id),
          change.told
            ? noteItem(view.id, 'slack:thread.template_sent', { ...by.params, template: change.template, language: languageName(view.language, languages), text: change.english }, by.raw)
            : noteItem(view.id, 'slack:thread.template_not_sent', { template: change.template }),
        ];
    }
  };
}

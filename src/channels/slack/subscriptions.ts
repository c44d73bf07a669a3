/**
 * What Slack shows of the core's events: the card is redrawn after every change of its case, a note
 * in its thread says what happened and who did it, the person's words arrive in the thread, and a
 * counsellor's reply gets a tick once the person has it.
 */
import type { Subscriptions } from '../../conversation/events.js';
import type { Language } from '../../flow/languages.js';
import { actorRef } from './actor.js';
import { languageName, slackDate } from './card.js';
import type { SlackText } from './mrkdwn.js';
import { cardItem, eraseItem, noteItem, reactionItem, relayItem } from './outbox-items.js';

/** A receipt's reference to the counsellor's message: `slack:<channel>:<ts>`. */
export const messageRef = (channel: string, ts: string): string => `slack:${channel}:${ts}`;

export function readMessageRef(ref: string): { channel: string; ts: string } | null {
  const [tool, channel, ts] = ref.split(':');
  return tool === 'slack' && channel && ts ? { channel, ts } : null;
}

export function slackSubscriptions(t: SlackText, languages: readonly Language[]): Subscriptions {
  return {
    'case.created': (e) => [cardItem(e.caseId)],
    'case.assigned': (e) => {
      const by = actorRef(e.by);
      if (e.claimed) return [cardItem(e.caseId), noteItem(e.caseId, 'slack:thread.line_open', by.params, by.raw)];
      if (e.to === null) return [cardItem(e.caseId), noteItem(e.caseId, 'slack:thread.unassigned', by.params, by.raw)];
      const to = actorRef(e.to);
      return [cardItem(e.caseId), noteItem(e.caseId, 'slack:thread.assigned', { ...by.params, ...renamed(to.params, 'to') }, { ...by.raw, ...renamed(to.raw, 'to') })];
    },
    'case.status_changed': (e) => {
      const by = actorRef(e.by);
      if (e.to === 'closed') return [cardItem(e.caseId), noteItem(e.caseId, 'slack:thread.line_closed', by.params, by.raw)];
      const params = { ...by.params, status: t.plain(`slack:status.${e.to}`), ...(e.reason ? { reason: e.reason } : {}) };
      return [cardItem(e.caseId), noteItem(e.caseId, e.reason ? 'slack:thread.status_reason' : 'slack:thread.status', params, by.raw)];
    },
    'case.repeated': (e) => [noteItem(e.caseId, e.urgent ? 'slack:thread.repeated_urgent' : 'slack:thread.repeated')],
    // The thread is emptied of what the bot posted, then the card is drawn again without the answers.
    'case.erased': (e) => [eraseItem(e.caseId, e.kept), cardItem(e.caseId)],
    'case.withdrawn': (e) => [cardItem(e.caseId), noteItem(e.caseId, 'slack:thread.withdrawn')],
    'case.template_sent': (e) => {
      const by = actorRef(e.by);
      return [
        // Redrawn so the select is empty again: Slack only reports a select when its value changes.
        cardItem(e.caseId),
        e.told
          ? noteItem(e.caseId, 'slack:thread.template_sent', { ...by.params, template: e.template, language: languageName(e.language, languages), text: e.english }, by.raw)
          : noteItem(e.caseId, 'slack:thread.template_not_sent', { template: e.template }),
      ];
    },
    'message.to_counsellor': (e) => [relayItem(e.caseId, e.text, e.attachment)],
    'contact.reach_changed': (e) => e.caseIds.flatMap((caseId) => [cardItem(caseId), noteItem(caseId, `slack:thread.reach_changed_${e.reach}`)]),
    'appointment.booked': (e) => [
      cardItem(e.caseId),
      noteItem(e.caseId, e.moved ? 'slack:thread.appointment_moved' : 'slack:thread.appointment_booked', { mode: t.plain(`slack:appointment_mode.${e.mode}`) }, { time: when(e.startsAt) }),
    ],
    'appointment.cancelled': (e) => {
      if (e.by === null) return [cardItem(e.caseId), noteItem(e.caseId, 'slack:thread.appointment_cancelled_by_person', {}, { time: when(e.startsAt) })];
      const by = actorRef(e.by);
      return [cardItem(e.caseId), noteItem(e.caseId, 'slack:thread.appointment_cancelled', by.params, { ...by.raw, time: when(e.startsAt) })];
    },
    'documents.changed': (e) => {
      const by = actorRef(e.by);
      return [cardItem(e.caseId), noteItem(e.caseId, 'slack:thread.documents_changed', { ...by.params, ready: e.ready, total: e.total }, by.raw)];
    },
    'travel.planned': (e) => {
      const by = actorRef(e.by);
      return [cardItem(e.caseId), noteItem(e.caseId, 'slack:thread.travel_planned', by.params, { ...by.raw, time: when(e.departsAt) })];
    },
    'travel.confirmed': (e) => [cardItem(e.caseId), noteItem(e.caseId, 'slack:thread.travel_confirmed', {}, { time: when(e.departsAt) })],
    // At once and loud: someone may not make it to the meeting point.
    'travel.problem_reported': (e) => [
      cardItem(e.caseId),
      noteItem(e.caseId, 'slack:thread.travel_problem', { problem: t.plain(`slack:travel_problem.${e.problem}`) }, { time: when(e.departsAt), here: '<!here>' }),
    ],
    'travel.departure_due': (e) => [noteItem(e.caseId, 'slack:thread.travel_departure_due', {}, { time: when(e.departsAt) })],
    'followup.answered': (e) => {
      const problems = e.problems.length ? e.problems.map((q) => t.plain(`slack:followup_question.${q}`)).join(', ') : t.plain('slack:followup_none');
      return e.urgentCase
        ? [noteItem(e.caseId, 'slack:thread.followup_answered_urgent', { month: e.month, problems, case: e.urgentCase }, { here: '<!here>' })]
        : [noteItem(e.caseId, 'slack:thread.followup_answered', { month: e.month, problems })];
    },
    'followup.stopped': (e) => [noteItem(e.caseId, e.reason === 'person' ? 'slack:thread.followup_stopped_person' : 'slack:thread.followup_stopped_unanswered')],
    'appointment.ended': (e) => [noteItem(e.caseId, 'slack:thread.appointment_ended', {}, { time: when(e.startsAt) })],
    'appointment.attendance': (e) => {
      const by = actorRef(e.by);
      return [cardItem(e.caseId), noteItem(e.caseId, e.attended ? 'slack:thread.appointment_attended' : 'slack:thread.appointment_no_show', by.params, { ...by.raw, time: when(e.startsAt) })];
    },
    'message.delivered': (e) => {
      const where = readMessageRef(e.receipt.ref);
      return where ? [reactionItem(e.receipt.caseId, where.channel, where.ts, 'white_check_mark')] : [];
    },
    'message.undeliverable': (e) => {
      const where = readMessageRef(e.receipt.ref);
      if (!where) return [];
      return [noteItem(e.receipt.caseId, 'slack:thread.not_delivered', { reason: e.reason }), reactionItem(e.receipt.caseId, where.channel, where.ts, 'warning')];
    },
  };
}

/** An event's ISO time as Slack shows it, in each reader's zone. */
const when = (iso: string): string => slackDate(new Date(iso));

/** `{ by: x }` as `{ to: x }`: the same actor reference under another placeholder. */
function renamed(values: Record<string, string>, name: string): Record<string, string> {
  return 'by' in values && values['by'] !== undefined ? { [name]: values['by'] } : {};
}

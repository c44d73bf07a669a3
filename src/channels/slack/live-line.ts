/**
 * The live line, Slack's side: a counsellor's reply in a case card's thread. The core decides
 * whether it goes to the person (only the holder of the open case, see CaseWorkflow.writeToPerson);
 * this file turns Slack's message into that call and shows the outcome on the reply: a lock when it
 * stayed internal, a warning with a note when it could not go, a tick once the person has it.
 * Replies starting with `note:` are internal by choice; files never leave Slack.
 */
import type { CaseWorkflow, WriteOutcome } from '../../conversation/case-workflow.js';
import { MAX_MESSAGE_CHARS } from '../../conversation/case-workflow.js';
import type { SlackStaff } from './actor.js';
import type { OutboxItem, OutboxStore } from '../../conversation/ports.js';
import { slackToPlain } from './mrkdwn.js';
import { noteItem, reactionItem } from './outbox-items.js';
import type { SlackCards } from './store/card-store.js';
import { messageRef } from './subscriptions.js';

/** Slack's name for its deliveries in the dedupe table: its event ids repeat on retries. */
export const SLACK_DEDUPE_CHANNEL = 'slack';
const NOTE_PREFIX = /^\s*note:/i;

export interface LiveLineDeps {
  cards: SlackCards;
  workflow: Pick<CaseWorkflow, 'writeToPerson'>;
  outbox: Pick<OutboxStore, 'enqueue'>;
  /** The staff member behind a Slack user, or null: their words never reach the person. */
  staffOf: SlackStaff;
  clock: () => Date;
}

export interface ThreadMessage {
  eventId: string;
  channel: string;
  threadTs: string;
  ts: string;
  user: string;
  text: string;
  hasFiles: boolean;
}

export type ReplyOutcome = WriteOutcome | 'internal' | 'not_a_case';

/** A counsellor wrote in a case thread: hand it to the core, or keep it internal, and show which. */
export function createReplyHandler(deps: LiveLineDeps) {
  return async function handleThreadMessage(message: ThreadMessage): Promise<ReplyOutcome> {
    const caseId = await deps.cards.caseOfThread(message.channel, message.threadTs);
    if (!caseId) return 'not_a_case';
    const lock = reactionItem(caseId, message.channel, message.ts, 'lock');
    const warn = reactionItem(caseId, message.channel, message.ts, 'warning');
    const staff = NOTE_PREFIX.test(message.text) ? null : await deps.staffOf(message.user);
    if (!staff) {
      await deps.outbox.enqueue([lock], deps.clock());
      return 'internal';
    }
    const outcome = await deps.workflow.writeToPerson({
      caseId,
      by: staff,
      text: slackToPlain(message.text),
      updateId: message.eventId,
      via: SLACK_DEDUPE_CHANNEL,
      ref: messageRef(message.channel, message.ts),
    });
    const items: OutboxItem[] = [];
    if (message.hasFiles && outcome !== 'duplicate' && outcome !== 'not_live') items.push(noteItem(caseId, 'slack:thread.files_not_sent'));
    switch (outcome) {
      case 'not_live':
        items.push(lock);
        break;
      case 'too_long':
        items.push(noteItem(caseId, 'slack:thread.too_long', { max: MAX_MESSAGE_CHARS }), warn);
        break;
      case 'unreachable':
        items.push(noteItem(caseId, 'slack:thread.unreachable'), warn);
        break;
      case 'not_first':
        items.push(noteItem(caseId, 'slack:thread.not_first'), warn);
        break;
      case 'held':
        items.push(noteItem(caseId, 'slack:thread.held'));
        break;
      case 'shown':
        // Where the person reads the transcript (web chat), it is there now.
        items.push(reactionItem(caseId, message.channel, message.ts, 'white_check_mark'));
        break;
      case 'queued':
      case 'duplicate':
      case 'empty':
        break;
      default: {
        const never: never = outcome;
        return never;
      }
    }
    await deps.outbox.enqueue(items, deps.clock());
    return outcome;
  };
}

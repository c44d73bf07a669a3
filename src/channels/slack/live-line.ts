/**
 * The live line between a migrant and the counsellor who claimed their case. Migrant -> thread is a
 * hook inside the migrant's turn; thread -> migrant is a Slack message event. Only the claiming
 * counsellor's replies go out, and not those starting with `note:`: everything else stays internal
 * and is marked with a lock, so a slip of the keyboard never reaches the person.
 */
import type { ConversationDeps } from '../../conversation/service.js';
import type { CaseThreads } from '../../conversation/case-lifecycle.js';
import { renderMessage } from '../../conversation/render.js';
import type { CaseStore, Channel, ContactTx, ConversationStore, OutboxItem } from '../../conversation/ports.js';
import type { InboundEnvelope, RenderedMessage } from '../../conversation/types.js';
import { plainText } from '../../i18n/html.js';
import type { Translator } from '../../i18n/translator.js';
import { NOTICE_NAMESPACE } from '../../conversation/case-workflow-impl.js';
import { slackToPlain } from './mrkdwn.js';
import { noteItem, reactionItem, relayItem, trackedItem } from './outbox-items.js';

/** Slack's id for a delivery: re-deliveries and retries repeat it. */
export const SLACK_DEDUPE_CHANNEL = 'slack';
/** Room for the label around a counsellor's text within Telegram's 4096 characters. */
export const MAX_REPLY_CHARS = 3500;
const NOTE_PREFIX = /^\s*note:/i;
/** Typed commands (`/menu`) still reach the bot while the line is open. */
const COMMAND = /^\/[a-z_]{1,32}(@\w+)?(\s|$)/i;

type Route = (key: { channelUserId: string }, message: RenderedMessage) => OutboxItem;

export interface LiveLineDeps {
  cases: CaseStore & CaseThreads;
  conversations: ConversationStore;
  translator: Translator;
  /** The outbox routes of the migrant channels (Telegram); read at call time. */
  routes: Partial<Record<Channel, Route>>;
  fallbackLanguage: string;
}

/** The service hook: while a case is claimed and open, the person's words go to its thread. */
export function relayToThread(): NonNullable<ConversationDeps['relay']> {
  return async (tx: ContactTx, envelope: InboundEnvelope, now: Date) => {
    const { inbound } = envelope;
    // Buttons, commands and language changes are meant for the bot; text is meant for the person.
    if (inbound.kind !== 'text' || COMMAND.test(inbound.text.trim())) return false;
    const live = await tx.liveCase();
    if (!live) return false;
    const text = envelope.text ?? inbound.text;
    await tx.enqueue([relayItem(live.id, text)], now);
    if (tx.contact.consent !== null) await tx.appendTranscript([{ direction: 'in', text, at: now }]);
    if (!tx.contact.reachable) await tx.setReachable(true);
    return true;
  };
}

/**
 * For channels that handle photos and files outside the service (Telegram): while the line is
 * open the thread gets a note that something was sent (files stay out of Slack). True if noted.
 */
export async function relayAttachment(tx: ContactTx, now: Date): Promise<boolean> {
  const live = await tx.liveCase();
  if (!live) return false;
  await tx.enqueue([relayItem(live.id, '', true)], now);
  return true;
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

export type ReplyOutcome = 'relayed' | 'internal' | 'duplicate' | 'not_a_case';

/** A counsellor wrote in a case thread: relay it to the person, or keep it internal. */
export function createReplyHandler(deps: LiveLineDeps) {
  return async function handleThreadMessage(message: ThreadMessage, now: Date): Promise<ReplyOutcome> {
    const view = await deps.cases.bySlackThread(message.channel, message.threadTs);
    if (!view) return 'not_a_case';
    return deps.conversations.withContact(view.contact, async (tx) => {
      if (!(await tx.claimInbound(message.eventId, SLACK_DEDUPE_CHANNEL))) return 'duplicate';
      // Read again under the contact's lock: a Close a moment ago ends the line for this reply.
      const live = await tx.liveCase();
      const author = `slack:${message.user}`;
      const relay = live?.id === view.id && live.assignee === author && !NOTE_PREFIX.test(message.text);
      if (!relay) {
        await tx.enqueue([reactionItem(view.id, message.channel, message.ts, 'lock')], now);
        return 'internal';
      }
      const items: OutboxItem[] = [];
      const say = slackToPlain(message.text).trim();
      if (message.hasFiles) items.push(noteItem(view.id, 'slack:thread.files_not_sent'));
      if (say === '') {
        await tx.enqueue(items, now);
        return 'internal';
      }
      if (say.length > MAX_REPLY_CHARS) {
        items.push(noteItem(view.id, 'slack:thread.too_long', { max: MAX_REPLY_CHARS }), reactionItem(view.id, message.channel, message.ts, 'warning'));
        await tx.enqueue(items, now);
        return 'internal';
      }
      if (!tx.contact.reachable) {
        items.push(noteItem(view.id, 'slack:thread.unreachable'), reactionItem(view.id, message.channel, message.ts, 'warning'));
        await tx.enqueue(items, now);
        return 'internal';
      }
      const language = tx.session?.state.language ?? tx.contact.language ?? deps.fallbackLanguage;
      const rendered = renderMessage(deps.translator, { type: 'message', key: `${NOTICE_NAMESPACE}:counsellor_message`, params: { text: say } }, language);
      if (tx.contact.consent !== null) await tx.appendTranscript([{ direction: 'out', text: plainText(rendered.html), at: now }]);
      const route = deps.routes[tx.contact.channel];
      if (route) items.push(trackedItem(view.id, view.contact, message.channel, message.ts, route({ channelUserId: tx.contact.channelUserId }, rendered)));
      // Without an outbox route (web chat) the transcript is the delivery: it is there now.
      else items.push(reactionItem(view.id, message.channel, message.ts, 'white_check_mark'));
      await tx.enqueue(items, now);
      return 'relayed';
    });
  };
}

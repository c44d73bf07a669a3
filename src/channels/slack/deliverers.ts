/**
 * The outbox deliverers of the Slack side. They read the case when they run, so a card always shows
 * the latest state and a thread message waits until its card is posted.
 */
import type { CaseThreads } from '../../conversation/case-lifecycle.js';
import type { Deliverer, DeliveryResult } from '../../conversation/outbox-worker.js';
import type { CaseStore, CaseView, ContactKey, ConversationStore, OutboxItem, PendingDelivery } from '../../conversation/ports.js';
import { caseCard, type CardContext } from './card.js';
import { slackErrorCode, toDeliveryResult, type SlackClient } from './client.js';
import { escapeMrkdwn } from './mrkdwn.js';
import { KIND, cardPayload, noteItem, notePayload, reactionItem, reactionPayload, relayPayload, trackedPayload } from './outbox-items.js';

export interface DelivererDeps {
  client: SlackClient;
  cases: CaseStore & CaseThreads;
  conversations: ConversationStore;
  card: CardContext;
  handoffChannel: string;
  /** Every channel's deliverers, read at call time (a tracked item wraps a Telegram message). */
  deliverers: () => Readonly<Record<string, Deliverer>>;
  /** The worker gives up after this many attempts; a tracked item says so in the thread then. */
  maxAttempts: number;
  clock: () => Date;
  log: (level: 'warn' | 'error', message: string, data?: Record<string, unknown>) => void;
}

const OK: DeliveryResult = { ok: true };

export function slackDeliverers(deps: DelivererDeps): Record<string, Deliverer> {
  const { client, cases } = deps;
  const text = deps.card.text;

  async function caseOf(caseId: string): Promise<CaseView | DeliveryResult> {
    const view = await cases.byId(caseId);
    return view ?? { ok: false, error: `no case ${caseId}`, permanent: true };
  }

  async function call(work: () => Promise<unknown>): Promise<DeliveryResult> {
    try {
      await work();
      return OK;
    } catch (error) {
      return toDeliveryResult(error);
    }
  }

  /** Thread messages need the card; until it is posted they wait (it is ahead in the same order key). */
  function thread(view: CaseView): { channel: string; ts: string } | DeliveryResult {
    if (view.slackChannel === null || view.slackTs === null) return { ok: false, error: `case ${view.reference}: card not posted yet` };
    return { channel: view.slackChannel, ts: view.slackTs };
  }

  /** Queues follow-ups for a case after a delivery; never fails the delivery it follows. */
  async function followUp(contact: ContactKey, items: OutboxItem[]): Promise<void> {
    try {
      await deps.conversations.withContact(contact, (tx) => tx.enqueue(items, deps.clock()));
    } catch (error) {
      deps.log('error', 'slack: could not queue a follow-up', { error: error instanceof Error ? error.message : String(error) });
    }
  }

  const postCard: Deliverer = async (item) => {
    const view = await caseOf(cardPayload.parse(item.payload).caseId);
    if (!('id' in view)) return view;
    const message = caseCard(view, deps.card);
    if (view.slackChannel !== null && view.slackTs !== null) {
      return call(() => client.chat.update({ channel: view.slackChannel ?? '', ts: view.slackTs ?? '', ...message }));
    }
    let posted: { channel?: string; ts?: string };
    try {
      posted = await client.chat.postMessage({ channel: deps.handoffChannel, ...message, unfurl_links: false, unfurl_media: false });
    } catch (error) {
      return toDeliveryResult(error);
    }
    if (!posted.channel || !posted.ts) return { ok: false, error: 'slack: chat.postMessage returned no ts', permanent: true };
    // If this write failed the card would be posted again on retry; it is one small statement.
    await cases.update(view.id, { slackChannel: posted.channel, slackTs: posted.ts }, {
      kind: 'slack_card_posted',
      actor: 'system',
      data: { channel: posted.channel },
      at: deps.clock(),
    });
    return OK;
  };

  const relay: Deliverer = async (item) => {
    const payload = relayPayload.parse(item.payload);
    const view = await caseOf(payload.caseId);
    if (!('id' in view)) return view;
    const where = thread(view);
    if (!('ts' in where)) return where;
    const body = payload.attachment ? text.md('slack:thread.attachment') : text.md('slack:thread.from_person', {}, { text: escapeMrkdwn(payload.text) });
    return call(() => client.chat.postMessage({ channel: where.channel, thread_ts: where.ts, text: body, unfurl_links: false, unfurl_media: false }));
  };

  const note: Deliverer = async (item) => {
    const payload = notePayload.parse(item.payload);
    const view = await caseOf(payload.caseId);
    if (!('id' in view)) return view;
    const where = thread(view);
    if (!('ts' in where)) return where;
    const body = text.md(payload.key, payload.params, payload.raw);
    return call(() => client.chat.postMessage({ channel: where.channel, thread_ts: where.ts, text: body, unfurl_links: false, unfurl_media: false }));
  };

  const reaction: Deliverer = async (item) => {
    const p = reactionPayload.parse(item.payload);
    try {
      await client.reactions.add({ channel: p.channel, timestamp: p.ts, name: p.name });
      return OK;
    } catch (error) {
      // A retried delivery finds its reaction already there.
      return slackErrorCode(error) === 'already_reacted' ? OK : toDeliveryResult(error);
    }
  };

  const tracked: Deliverer = async (item: PendingDelivery) => {
    const p = trackedPayload.parse(item.payload);
    const inner = deps.deliverers()[p.item.kind];
    let result: DeliveryResult;
    if (!inner) result = { ok: false, error: `no deliverer for ${p.item.kind}`, permanent: true };
    else {
      try {
        result = await inner({ ...item, kind: p.item.kind, payload: p.item.payload, orderKey: p.item.orderKey });
      } catch (error) {
        result = { ok: false, error: error instanceof Error ? error.message : String(error) };
      }
    }
    if (result.ok) await followUp(p.contact, [reactionItem(p.caseId, p.channel, p.ts, 'white_check_mark')]);
    else if (result.permanent === true || item.attempts + 1 >= deps.maxAttempts) {
      await followUp(p.contact, [
        noteItem(p.caseId, 'slack:thread.not_delivered', { reason: result.error.slice(0, 200) }),
        reactionItem(p.caseId, p.channel, p.ts, 'warning'),
      ]);
    }
    return result;
  };

  return { [KIND.card]: postCard, [KIND.relay]: relay, [KIND.note]: note, [KIND.reaction]: reaction, [KIND.tracked]: tracked };
}

/**
 * The outbox deliverers of the Slack side. They read the case when they run, so a card always shows
 * the latest state and a thread message waits until its card is posted.
 */
import type { Deliverer, DeliveryResult } from '../../conversation/outbox-worker.js';
import type { AfterStores } from '../../conversation/after-ports.js';
import { progress } from '../../conversation/documents.js';
import type { CaseStore, CaseView } from '../../conversation/ports.js';
import { caseCard, type CardContext, type CardExtras } from './card.js';
import { slackErrorCode, toDeliveryResult, type SlackClient } from './client.js';
import { escapeMrkdwn } from './mrkdwn.js';
import { KIND, cardPayload, erasePayload, notePayload, reactionPayload, relayPayload } from './outbox-items.js';
import type { CardRef, SlackCards } from './store/card-store.js';
import type { Pings } from './store/pings.js';

export interface DelivererDeps {
  client: SlackClient;
  cases: CaseStore;
  cards: SlackCards;
  pings: Pings;
  card: CardContext;
  handoffChannel: string;
  /** What is arranged for a case (its booked appointment), read when the card is drawn. */
  after: AfterStores;
  clock: () => Date;
}

const OK: DeliveryResult = { ok: true };

export function slackDeliverers(deps: DelivererDeps): Record<string, Deliverer> {
  const { client, cases, cards } = deps;
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
  async function thread(caseId: string): Promise<CardRef | DeliveryResult> {
    return (await cards.of(caseId)) ?? { ok: false, error: `case ${caseId}: card not posted yet` };
  }

  async function extrasOf(caseId: string): Promise<CardExtras> {
    const booked = (await deps.after.appointments.ofCase(caseId)).find((a) => a.status === 'booked');
    const travel = await deps.after.travel.ofCase(caseId);
    return {
      appointment: booked ? { startsAt: booked.slot.startsAt, mode: booked.slot.mode } : null,
      documents: progress(await deps.after.documents.ofCase(caseId)),
      travel: travel ? { departsAt: travel.departsAt, confirmed: travel.confirmedAt !== null, problem: travel.problem } : null,
    };
  }

  /** Posts in a case's thread and remembers the post, so erasure can delete it from Slack. */
  async function postInThread(caseId: string, where: CardRef, text: string): Promise<DeliveryResult> {
    let answer: { ts?: string };
    try {
      answer = await client.chat.postMessage({ channel: where.channel, thread_ts: where.ts, text, unfurl_links: false, unfurl_media: false });
    } catch (error) {
      return toDeliveryResult(error);
    }
    if (answer.ts) await cards.posted(caseId, { channel: where.channel, ts: answer.ts });
    return OK;
  }

  /**
   * The person's data was erased: the bot's posts in the thread (their words, staff notes) are
   * deleted from Slack, and one note says why the thread is empty.
   */
  const erase: Deliverer = async (item) => {
    const payload = erasePayload.parse(item.payload);
    for (const post of await cards.posts(payload.caseId)) {
      try {
        await client.chat.delete({ channel: post.channel, ts: post.ts });
      } catch (error) {
        // Already gone (a retry, or deleted by hand) is fine; anything else is tried again later.
        if (slackErrorCode(error) !== 'message_not_found') return toDeliveryResult(error);
      }
      await cards.forget(post);
    }
    const where = await cards.of(payload.caseId);
    if (!where) return OK;
    return postInThread(payload.caseId, where, text.md(payload.kept ? 'slack:thread.erased_kept' : 'slack:thread.erased'));
  };

  const postCard: Deliverer = async (item) => {
    const view = await caseOf(cardPayload.parse(item.payload).caseId);
    if (!('id' in view)) return view;
    const posted = await cards.of(view.id);
    const extras = await extrasOf(view.id);
    // An edit never notifies: only a new urgent card may ping, and only if the channel's ping is free.
    if (posted) return call(() => client.chat.update({ channel: posted.channel, ts: posted.ts, ...caseCard(view, deps.card, extras) }));
    const ping = view.urgent && (await deps.pings.take(deps.handoffChannel, deps.clock()));
    const message = caseCard(view, deps.card, extras, { ping });
    let answer: { channel?: string; ts?: string };
    try {
      answer = await client.chat.postMessage({ channel: deps.handoffChannel, ...message, unfurl_links: false, unfurl_media: false });
    } catch (error) {
      return toDeliveryResult(error);
    }
    if (!answer.channel || !answer.ts) return { ok: false, error: 'slack: chat.postMessage returned no ts', permanent: true };
    // If this write failed the card would be posted again on retry; it is one small statement.
    await cards.save(view.id, { channel: answer.channel, ts: answer.ts }, deps.clock());
    return OK;
  };

  const relay: Deliverer = async (item) => {
    const payload = relayPayload.parse(item.payload);
    const where = await thread(payload.caseId);
    if (!('ts' in where)) return where;
    const body = payload.attachment ? text.md('slack:thread.attachment') : text.md('slack:thread.from_person', {}, { text: escapeMrkdwn(payload.text) });
    return postInThread(payload.caseId, where, body);
  };

  const note: Deliverer = async (item) => {
    const payload = notePayload.parse(item.payload);
    const where = await thread(payload.caseId);
    if (!('ts' in where)) return where;
    const body = text.md(payload.key, payload.params, payload.raw);
    return postInThread(payload.caseId, where, body);
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

  return { [KIND.card]: postCard, [KIND.relay]: relay, [KIND.note]: note, [KIND.reaction]: reaction, [KIND.erase]: erase };
}

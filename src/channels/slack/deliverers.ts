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
import { KIND, cardPayload, notePayload, reactionPayload, relayPayload } from './outbox-items.js';
import type { CardRef, SlackCards } from './store/card-store.js';

export interface DelivererDeps {
  client: SlackClient;
  cases: CaseStore;
  cards: SlackCards;
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

  const postCard: Deliverer = async (item) => {
    const view = await caseOf(cardPayload.parse(item.payload).caseId);
    if (!('id' in view)) return view;
    const message = caseCard(view, deps.card, await extrasOf(view.id));
    const posted = await cards.of(view.id);
    if (posted) return call(() => client.chat.update({ channel: posted.channel, ts: posted.ts, ...message }));
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
    return call(() => client.chat.postMessage({ channel: where.channel, thread_ts: where.ts, text: body, unfurl_links: false, unfurl_media: false }));
  };

  const note: Deliverer = async (item) => {
    const payload = notePayload.parse(item.payload);
    const where = await thread(payload.caseId);
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

  return { [KIND.card]: postCard, [KIND.relay]: relay, [KIND.note]: note, [KIND.reaction]: reaction };
}

/**
 * Telling the person something outside a flow's turn (a status change, a counsellor's words, a kind
 * answer to a photo), and publishing events, inside the transaction that holds their contact. What
 * the service says first honours the person's answer to "is it safe to contact you on this phone?"
 * (contact-reach.ts): in full, as a neutral notice with the news held back, or held back entirely.
 */
import type { Content } from '../flow/content.js';
import { plainText } from '../i18n/html.js';
import type { Translator } from '../i18n/translator.js';
import { deliveryNow } from './contact-reach.js';
import type { DomainEvent, EventHub, Receipt } from './events.js';
import { suggestLanguage } from './language.js';
import type { ContactTx } from './ports.js';
import { renderMessage } from './render.js';
import type { RenderedMessage } from './types.js';

/** The neutral notice a discreet phone gets: it names nothing (no organisation, no case). */
export const NEWS_NOTICE_KEY = 'common:news_waiting';
/** Said before the news held back, when the person writes again. */
export const NEWS_HEADER_KEY = 'common:news_header';

export interface Told {
  message: RenderedMessage;
  /** Outbox items queued for the person's channel now (0: their channel shows the transcript, or it was held). */
  queued: number;
  /** Kept back until the person writes (their phone is not safe to message first). */
  held: boolean;
}

export interface Teller {
  /** Writes the events' outbox items in this transaction; returns how many items were queued. */
  publish(tx: ContactTx, events: readonly DomainEvent[]): Promise<number>;
  /** The person's language: the conversation's, the contact's, the channel's hint, or the first. */
  languageOf(tx: ContactTx, hint?: string): string;
  /**
   * Renders a locale key in the person's language, keeps it in the transcript (with consent) and
   * publishes it to their channel. `reply`: it answers what the person just sent, so it is never
   * held back. Null when the person cannot be reached (they blocked the bot).
   */
  tell(
    tx: ContactTx,
    key: string,
    params?: Record<string, string | number>,
    options?: { receipt?: Receipt; languageHint?: string; reply?: boolean },
  ): Promise<Told | null>;
  /** The news held back for the person, rendered to go before the answer to what they just wrote. */
  takeNews(tx: ContactTx, language: string): Promise<RenderedMessage[]>;
}

export function createTeller(deps: { content: Content; translator: Translator; hub: EventHub }): Teller {
  const fallback = deps.content.languages[0]?.tag ?? 'en';

  async function publish(tx: ContactTx, events: readonly DomainEvent[]): Promise<number> {
    const items = deps.hub.itemsFor(events);
    if (items.length > 0) await tx.enqueue(items);
    return items.length;
  }

  function languageOf(tx: ContactTx, hint?: string): string {
    return tx.session?.state.language ?? tx.contact.language ?? suggestLanguage(hint, deps.content.languages) ?? fallback;
  }

  const contactOf = (tx: ContactTx) => ({ channel: tx.contact.channel, channelUserId: tx.contact.channelUserId });

  return {
    publish,
    languageOf,
    async tell(tx, key, params = {}, options = {}) {
      if (!tx.contact.reachable) return null;
      const language = languageOf(tx, options.languageHint);
      const message = renderMessage(deps.translator, { type: 'message', key, params }, language);
      if (tx.contact.consent !== null) await tx.appendTranscript([{ direction: 'out', text: plainText(message.html) }]);
      const event: DomainEvent = { type: 'message.to_person', contact: contactOf(tx), message, ...(options.receipt ? { receipt: options.receipt } : {}) };
      const items = deps.hub.itemsFor([event]);
      // A channel nobody pushes to (the web chat) reads the transcript: nothing to hold back.
      const how = options.reply || items.length === 0 ? 'full' : deliveryNow(tx.contact, tx.now);
      if (how === 'full') {
        if (items.length > 0) await tx.enqueue(items);
        return { message, queued: items.length, held: false };
      }
      const waiting = await tx.holdNews(message);
      // One neutral notice per batch of news: the first held message brings it, the rest wait quietly.
      if (how === 'notice' && waiting === 1) {
        const notice = renderMessage(deps.translator, { type: 'message', key: NEWS_NOTICE_KEY, params: {} }, language);
        await publish(tx, [{ type: 'message.to_person', contact: contactOf(tx), message: notice }]);
      }
      return { message, queued: 0, held: true };
    },
    async takeNews(tx, language) {
      const news = await tx.takeNews();
      if (news.length === 0) return [];
      return [renderMessage(deps.translator, { type: 'message', key: NEWS_HEADER_KEY, params: {} }, language), ...news];
    },
  };
}

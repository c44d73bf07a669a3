/**
 * Telling the person something outside a flow's turn (a status change, a counsellor's words, a kind
 * answer to a photo), and publishing events, inside the transaction that holds their contact.
 */
import type { Content } from '../flow/content.js';
import { plainText } from '../i18n/html.js';
import type { Translator } from '../i18n/translator.js';
import type { DomainEvent, EventHub, Receipt } from './events.js';
import { suggestLanguage } from './language.js';
import type { ContactTx } from './ports.js';
import { renderMessage } from './render.js';
import type { RenderedMessage } from './types.js';

export interface Teller {
  /** Writes the events' outbox items in this transaction; returns how many items were queued. */
  publish(tx: ContactTx, events: readonly DomainEvent[]): Promise<number>;
  /** The person's language: the conversation's, the contact's, the channel's hint, or the first. */
  languageOf(tx: ContactTx, hint?: string): string;
  /**
   * Renders a locale key in the person's language, keeps it in the transcript (with consent) and
   * publishes it to their channel. Null when the person cannot be reached (they blocked the bot).
   */
  tell(
    tx: ContactTx,
    key: string,
    params?: Record<string, string | number>,
    options?: { receipt?: Receipt; languageHint?: string },
  ): Promise<{ message: RenderedMessage; queued: number } | null>;
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

  return {
    publish,
    languageOf,
    async tell(tx, key, params = {}, options = {}) {
      if (!tx.contact.reachable) return null;
      const message = renderMessage(deps.translator, { type: 'message', key, params }, languageOf(tx, options.languageHint));
      if (tx.contact.consent !== null) await tx.appendTranscript([{ direction: 'out', text: plainText(message.html) }]);
      const contact = { channel: tx.contact.channel, channelUserId: tx.contact.channelUserId };
      const queued = await publish(tx, [{ type: 'message.to_person', contact, message, ...(options.receipt ? { receipt: options.receipt } : {}) }]);
      return { message, queued };
    },
  };
}

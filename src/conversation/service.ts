import type { Content } from '../flow/content.js';
import { newSession, step } from '../engine/index.js';
import type { Inbound, OutEvent, Session, StepContext } from '../engine/types.js';
import type { Translator } from '../i18n/translator.js';
import { escapeHtml, plainText } from '../i18n/html.js';
import { effectHandlers as defaultHandlers, type EffectHandlers } from './effects/index.js';
import type { EventHub } from './events.js';
import { FlowFault } from './flow-fault.js';
import type { ChannelCapabilities, ContactTx, ConversationStore, Screening, ServicesDirectory, TranscriptEntry } from './ports.js';
import { renderMessage } from './render.js';
import { createTeller, type Teller } from './tell.js';
import type { ConversationService, HandleResult, InboundEnvelope, RenderedMessage } from './types.js';

/** A turn runs at most this many actions; more means a flow loops through actions. */
export const MAX_EFFECTS_PER_TURN = 20;
export const SET_LANGUAGE_COMMAND = 'set_language:';
/** Typed commands (`/menu`) reach the bot even while a counsellor holds the line. */
const COMMAND = /^\/[a-z_]{1,32}(@\w+)?(\s|$)/i;

export interface ConversationDeps {
  content: Content;
  store: ConversationStore;
  translator: Translator;
  screening: Screening;
  directory: ServicesDirectory;
  /** Where events go: the channel adapters' subscriptions. */
  hub: EventHub;
  /** The retention periods the privacy texts name (RETENTION_ABANDONED_DAYS, RETENTION_CLOSED_DAYS). */
  retention: { abandonedDays: number; closedDays: number };
  /** What the person's channel can do (flows word their promises by it: clearing the chat). */
  capabilities(channel: string): ChannelCapabilities | undefined;
  effects?: EffectHandlers;
  log?: (level: 'warn' | 'error', message: string, data?: Record<string, unknown>) => void;
  /**
   * Runs before the contact's transaction opens: loads what actions read from outside it (the
   * destinations list, the services directory), since on a single-connection database a read
   * inside the transaction but outside it would wait forever.
   */
  beforeTurn?: () => Promise<void>;
}

function toInbound(inbound: Inbound): Inbound {
  if (inbound.kind === 'command' && inbound.command.startsWith(SET_LANGUAGE_COMMAND)) {
    return { kind: 'language', language: inbound.command.slice(SET_LANGUAGE_COMMAND.length) };
  }
  // "/status" typed into any chat box is the command, whatever the channel.
  const typed = inbound.kind === 'text' ? /^\/([a-z_]{1,32})(@\w+)?$/.exec(inbound.text.trim()) : null;
  if (typed?.[1]) return { kind: 'command', command: typed[1] };
  return inbound;
}

/**
 * The conversation use-case: dedupe the inbound, lock the contact, run the engine and its actions,
 * write session, transcript and outbox in one transaction, and return what to show.
 */
export function createConversationService(deps: ConversationDeps): ConversationService & { teller: Teller } {
  const { content, store, translator } = deps;
  const handlers = deps.effects ?? defaultHandlers;
  const teller = createTeller({ content, translator, hub: deps.hub });
  const fault = (message: string, data: Record<string, unknown>) => deps.log?.('error', message, data);

  /** While a counsellor holds an open case, what the person types goes to them, not to the bot. */
  async function relayToCounsellor(tx: ContactTx, envelope: InboundEnvelope): Promise<boolean> {
    const { inbound } = envelope;
    if (inbound.kind !== 'text' || COMMAND.test(inbound.text.trim()) || !deps.hub.followed('message.to_counsellor')) return false;
    const live = await tx.liveCase();
    if (!live) return false;
    const text = envelope.text ?? inbound.text;
    await teller.publish(tx, [{ type: 'message.to_counsellor', caseId: live.id, text, attachment: false }]);
    if (tx.contact.consent !== null) await tx.appendTranscript([{ direction: 'in', text }]);
    if (!tx.contact.reachable) await tx.setReachable(true);
    return true;
  }

  const stepContext = (now: Date): StepContext => ({
    now,
    languages: translator.languages,
    label: (l, k) => translator.label(l, k),
    locale: (l) => translator.locale(l),
  });

  /** The open question re-rendered as it stands in `state` (nothing changes), or null. */
  function openQuestion(state: Session | undefined, now: Date): RenderedMessage | null {
    if (!state?.at) return null;
    const { events } = step(content, state, { kind: 'repeat' }, stepContext(now));
    const question = events.find((e) => e.type === 'message');
    return question?.type === 'message' ? renderMessage(translator, question, state.language) : null;
  }

  async function turn(tx: ContactTx, envelope: InboundEnvelope): Promise<HandleResult> {
    const now = tx.now;
    let session: Session = tx.session?.state ?? newSession(teller.languageOf(tx, envelope.languageHint));
    if (!(await tx.claimInbound(envelope.updateId))) {
      return { duplicate: true, messages: [], language: session.language };
    }
    await tx.markSeen();
    // A press is shown under the question it answered: read here, in the same transaction.
    const before = envelope.inbound.kind === 'choice' ? { before: openQuestion(tx.session?.state, now) } : {};
    // What was held back from a phone not safe to message first is given now that the person wrote.
    const news = await teller.takeNews(tx, session.language);
    const contact = { channel: envelope.channel, channelUserId: envelope.channelUserId };
    if (await relayToCounsellor(tx, envelope)) {
      await teller.publish(tx, news.map((message) => ({ type: 'message.to_person' as const, contact, message })));
      return { duplicate: false, messages: news, language: session.language, ...before };
    }
    const ctx = stepContext(now);
    session.vars['consent'] = tx.contact.consent !== null || session.vars['consent'] === true;
    session.vars['can_clear_chat'] = deps.capabilities(envelope.channel)?.deleteMessages === true;
    // The texts take their numbers from configuration, never from a number written into a translation.
    session.vars['abandoned_days'] = deps.retention.abandonedDays;
    session.vars['closed_days'] = deps.retention.closedDays;

    const messages: RenderedMessage[] = [...news];
    let language = session.language;
    let erased = false;
    let clearChat = false;
    let inbound: Inbound | null = toInbound(envelope.inbound);
    let rounds = 0;
    while (inbound) {
      if (rounds++ > MAX_EFFECTS_PER_TURN) {
        // The flows loop through actions: the person gets an apology, the session is kept at its question.
        fault('flow fault: too many actions in one turn', { limit: MAX_EFFECTS_PER_TURN, at: session.at });
        messages.push(renderMessage(translator, { type: 'message', key: 'common:error_apology', params: {} }, language));
        session = { ...session, pending: null };
        break;
      }
      const result = step(content, session, inbound, ctx);
      session = result.session;
      inbound = null;
      for (const event of result.events) {
        const next = await onEngineEvent(event);
        if (next === 'fault') break;
        if (next) inbound = next;
      }
    }

    async function onEngineEvent(event: OutEvent): Promise<Inbound | 'fault' | null> {
      switch (event.type) {
        case 'message':
          messages.push(renderMessage(translator, event, language));
          return null;
        case 'language':
          language = event.language;
          await tx.setLanguage(language);
          return null;
        case 'error':
          fault('flow fault', { code: event.code, detail: event.detail });
          return null;
        case 'effect': {
          if (event.action === 'set_language') return null;
          try {
            const outcome = await handlers[event.action]({
              tx,
              session,
              params: event.params,
              now,
              content,
              translator,
              publish: (events) => teller.publish(tx, events),
              screening: deps.screening,
              directory: deps.directory,
            });
            erased ||= outcome.erased === true;
            clearChat ||= outcome.clearChat === true;
            return { kind: 'effect_result', vars: outcome.vars };
          } catch (error) {
            if (!(error instanceof FlowFault)) throw error;
            // The flows' fault, not the person's and not the database's: apologise, keep the session.
            fault('flow fault in an action', { action: event.action, error: error.message });
            messages.push(renderMessage(translator, { type: 'message', key: 'common:error_apology', params: {} }, language));
            session = { ...session, at: null, pending: null, history: [] };
            return 'fault';
          }
        }
        case 'answer':
        case 'invalid':
        case 'stale':
        case 'ended':
          return null;
        default: {
          const never: never = event;
          return never;
        }
      }
    }

    if (erased) {
      // After erasure only the language choice remains; the next message starts from the beginning.
      const fresh = newSession(session.language);
      session = { ...fresh, vars: { consent: false } };
    } else if (tx.contact.consent !== null || session.vars['consent'] === true) {
      // Without consent nothing but the language choice is kept (rule R0): no transcript.
      const entries: Array<Omit<TranscriptEntry, 'at'>> = [];
      if (envelope.text !== undefined) entries.push({ direction: 'in', text: envelope.text });
      // The news is in the transcript already (since it was told); the rest of this turn is not.
      for (const m of messages.slice(news.length)) entries.push({ direction: 'out', text: plainText(m.html) });
      if (entries.length > 0) await tx.appendTranscript(entries);
    }
    // After erasure nothing of this conversation is kept: the next message starts afresh.
    if (!erased) await tx.saveSession(session);
    // Someone who writes to us can be written to again (they unblocked the bot).
    if (!tx.contact.reachable) await tx.setReachable(true);
    await teller.publish(tx, messages.map((message) => ({ type: 'message.to_person' as const, contact, message })));
    // After the answer, so the answer goes too: the chat is left empty.
    if (clearChat) await teller.publish(tx, [{ type: 'chat.clear', contact }]);
    return { duplicate: false, messages, language: session.language, ...before };
  }

  return {
    teller,
    handle: async (envelope) => {
      await deps.beforeTurn?.();
      return store.withContact({ channel: envelope.channel, channelUserId: envelope.channelUserId }, (tx) => turn(tx, envelope), {
        claim: envelope.updateId,
      });
    },
    current: (key) => store.withContact(key, async (tx) => openQuestion(tx.session?.state, tx.now)),
    notify: (key, localeKey, params = {}, options = {}) =>
      store.withContact(key, async (tx) => {
        if (options.updateId !== undefined) {
          if (!(await tx.claimInbound(options.updateId))) return null;
          // Something the person sent (a photo, an edit): they are here.
          await tx.markSeen();
        }
        if (options.attachment && deps.hub.followed('message.to_counsellor')) {
          // Files stay out of the counsellor's tool: they are told that something was sent.
          const live = await tx.liveCase();
          if (live) {
            await teller.publish(tx, [{ type: 'message.to_counsellor', caseId: live.id, text: '', attachment: true }]);
            return null;
          }
        }
        // An answer to what the person sent, never a message sent first.
        const told = await teller.tell(tx, localeKey, params, { reply: true, ...(options.languageHint ? { languageHint: options.languageHint } : {}) });
        return told?.message ?? null;
      }),
    setReachable: (key, reachable) => store.withContact(key, (tx) => tx.setReachable(reachable)),
    async history(key, limit = 200) {
      const entries = await store.transcript(key, limit);
      return entries.map((e) => ({
        direction: e.direction,
        // Stored as plain text; shown as text again, so it is escaped here.
        html: escapeHtml(e.text),
        at: e.at.toISOString(),
      }));
    },
  };
}

import type { Content } from '../flow/content.js';
import { newSession, step } from '../engine/index.js';
import type { Inbound, Session, StepContext } from '../engine/types.js';
import type { Translator } from '../i18n/translator.js';
import { escapeHtml, plainText } from '../i18n/html.js';
import { effectHandlers as defaultHandlers, type EffectHandlers } from './effects/index.js';
import { FlowFault } from './flow-fault.js';
import { suggestLanguage } from './language.js';
import type {
  CaseRecord,
  Channel,
  ContactTx,
  ConversationStore,
  OutboxItem,
  Screening,
  ServicesDirectory,
  TranscriptEntry,
} from './ports.js';
import { renderMessage } from './render.js';
import type { ConversationService, HandleResult, InboundEnvelope, RenderedMessage } from './types.js';

/** A turn runs at most this many actions; more means a flow loops through actions. */
const MAX_EFFECTS_PER_TURN = 20;
export const SET_LANGUAGE_COMMAND = 'set_language:';

export interface ConversationDeps {
  content: Content;
  store: ConversationStore;
  translator: Translator;
  screening: Screening;
  directory: ServicesDirectory;
  clock?: () => Date;
  effects?: EffectHandlers;
  /** Channels whose replies go through the outbox (sent after commit, retried) instead of the response. */
  outbox?: Partial<Record<Channel, (key: { channelUserId: string }, message: RenderedMessage) => OutboxItem>>;
  onCaseCreated?: (tx: ContactTx, created: CaseRecord) => Promise<void>;
  /**
   * The live line: called after the dedupe claim, before the engine. True means the inbound went to
   * a counsellor (queued in this transaction) and the engine does not run.
   */
  relay?: (tx: ContactTx, envelope: InboundEnvelope, now: Date) => Promise<boolean>;
  /** The live line for a file or photo: true when a counsellor was told (see NotifyOptions). */
  relayAttachment?: (tx: ContactTx, now: Date) => Promise<boolean>;
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
  // "/status" typed into any chat box is the command, as it is on Telegram.
  const typed = inbound.kind === 'text' ? /^\/([a-z_]{1,32})(@\w+)?$/.exec(inbound.text.trim()) : null;
  if (typed?.[1]) return { kind: 'command', command: typed[1] };
  return inbound;
}

/**
 * The conversation use-case: dedupe the inbound, lock the contact, run the engine and its actions,
 * write session, transcript and outbox in one transaction, and return what to show.
 */
export function createConversationService(deps: ConversationDeps): ConversationService {
  const { content, store, translator } = deps;
  const clock = deps.clock ?? (() => new Date());
  const handlers = deps.effects ?? defaultHandlers;
  const onCaseCreated = deps.onCaseCreated ?? (async () => {});
  const fallback = content.languages[0]?.tag ?? 'en';

  async function turn(tx: ContactTx, envelope: InboundEnvelope): Promise<HandleResult> {
    const now = clock();
    const initialLanguage =
      tx.contact.language ?? suggestLanguage(envelope.languageHint, content.languages) ?? fallback;
    let session: Session = tx.session?.state ?? newSession(initialLanguage);
    if (!(await tx.claimInbound(envelope.updateId))) {
      return { duplicate: true, messages: [], language: session.language };
    }
    if (deps.relay && (await deps.relay(tx, envelope, now))) return { duplicate: false, messages: [], language: session.language };
    const ctx: StepContext = { now, languages: translator.languages, label: (l, k) => translator.label(l, k), locale: (l) => translator.locale(l) };
    session.vars['consent'] = tx.contact.consent !== null || session.vars['consent'] === true;

    const messages: RenderedMessage[] = [];
    let language = session.language;
    let erased = false;
    let inbound: Inbound | null = toInbound(envelope.inbound);
    for (let round = 0; inbound && round <= MAX_EFFECTS_PER_TURN; round++) {
      const result = step(content, session, inbound, ctx);
      session = result.session;
      inbound = null;
      for (const event of result.events) {
        if (event.type === 'message') messages.push(renderMessage(translator, event, language));
        else if (event.type === 'language') {
          language = event.language;
          await tx.setLanguage(language);
        } else if (event.type === 'error') {
          deps.log?.('error', 'flow fault', { code: event.code, detail: event.detail });
        } else if (event.type === 'effect' && event.action !== 'set_language') {
          let outcome;
          try {
            outcome = await handlers[event.action]({
              tx,
              session,
              params: event.params,
              now,
              content,
              translator,
              onCaseCreated,
              screening: deps.screening,
              directory: deps.directory,
            });
          } catch (error) {
            if (!(error instanceof FlowFault)) throw error;
            // The flows' fault, not the person's and not the database's: apologise, keep the session.
            deps.log?.('error', 'flow fault in an action', { action: event.action, error: error.message });
            messages.push(renderMessage(translator, { type: 'message', key: 'common:error_apology', params: {} }, language));
            session = { ...session, at: null, pending: null, history: [] };
            break;
          }
          erased ||= outcome.erased === true;
          inbound = { kind: 'effect_result', vars: outcome.vars };
        }
      }
    }
    if (erased) {
      // After erasure only the language choice remains; the next message starts from the beginning.
      const fresh = newSession(session.language);
      session = { ...fresh, vars: { consent: false } };
    } else if (tx.contact.consent !== null || session.vars['consent'] === true) {
      // Without consent nothing but the language choice is kept (rule R0): no transcript.
      const entries: TranscriptEntry[] = [];
      if (envelope.text !== undefined) entries.push({ direction: 'in', text: envelope.text, at: now });
      for (const m of messages) entries.push({ direction: 'out', text: plainText(m.html), at: now });
      if (entries.length > 0) await tx.appendTranscript(entries);
    }
    await tx.saveSession(session);
    // Someone who writes to us can be written to again (they unblocked the bot).
    if (!tx.contact.reachable) await tx.setReachable(true);
    const route = deps.outbox?.[envelope.channel];
    if (route && messages.length > 0) {
      await tx.enqueue(messages.map((m) => route({ channelUserId: envelope.channelUserId }, m)), now);
    }
    return { duplicate: false, messages, language: session.language };
  }

  return {
    handle: async (envelope) => {
      await deps.beforeTurn?.();
      return store.withContact(envelope, (tx) => turn(tx, envelope));
    },
    current: (key) =>
      store.withContact(key, async (tx) => {
        const state = tx.session?.state;
        if (!state?.at) return null;
        const ctx: StepContext = {
          now: clock(),
          languages: translator.languages,
          label: (l, k) => translator.label(l, k),
          locale: (l) => translator.locale(l),
        };
        const { events } = step(content, state, { kind: 'repeat' }, ctx);
        const question = events.find((e) => e.type === 'message');
        return question?.type === 'message' ? renderMessage(translator, question, state.language) : null;
      }),
    notify: (key, localeKey, params = {}, options = {}) =>
      store.withContact(key, async (tx) => {
        if (options.updateId !== undefined && !(await tx.claimInbound(options.updateId))) return null;
        const now = clock();
        if (options.attachment && deps.relayAttachment && (await deps.relayAttachment(tx, now))) return null;
        if (!tx.contact.reachable) return null;
        const language = tx.session?.state.language ?? tx.contact.language ?? suggestLanguage(options.languageHint, content.languages) ?? fallback;
        const message = renderMessage(translator, { type: 'message', key: localeKey, params }, language);
        if (tx.contact.consent !== null) await tx.appendTranscript([{ direction: 'out', text: plainText(message.html), at: now }]);
        const route = deps.outbox?.[key.channel];
        if (route) await tx.enqueue([route({ channelUserId: key.channelUserId }, message)], now);
        return message;
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

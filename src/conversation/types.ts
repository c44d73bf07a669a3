import type { InputKind } from '../flow/schema.js';
import type { Inbound } from '../engine/types.js';
import type { Channel, ContactKey } from './ports.js';

/** A button as a channel shows it. */
export interface RenderedChoice {
  /** What comes back when it is pressed (≤ 64 bytes; never the label). */
  id: string;
  /** The label; in a multiple choice, a chosen one starts with `✓ `. */
  text: string;
}

/** One message ready for a channel: text with safe HTML (<b>, <i>, <a href>), values escaped. */
export interface RenderedMessage {
  /** The locale key it was rendered from (for tests and statistics; never shown). */
  key: string;
  html: string;
  language: string;
  dir: 'ltr' | 'rtl';
  choices: RenderedChoice[];
  columns: number;
  /** Back / main-menu buttons, already labelled in the user's language. */
  nav: RenderedChoice[];
  /** `multiple`: each press selects or unselects one choice; the `done` choice finishes. */
  input: InputKind | 'choice' | 'multiple' | null;
  /** The open question's number (send it back with a press: Inbound choice `question`), or null. */
  question: string | null;
  /**
   * A phone question: the label of a button that shares the account's own number, for channels
   * that have one (a chat app's share-my-number button); elsewhere the number is typed.
   */
  sharePhone?: string;
}

export interface InboundEnvelope extends ContactKey {
  /** The channel's id for this delivery (a messenger's update id, a web message id): re-deliveries repeat it. */
  updateId: string;
  inbound: Inbound;
  /** The text as the person sent it, for the transcript (omit for button presses). */
  text?: string;
  /** A language the channel suggests for a first-time contact (a messenger's language code, the browser's). */
  languageHint?: string;
  receivedAt: Date;
}

export interface HandleResult {
  /** True when this delivery was seen before: nothing was done again. */
  duplicate: boolean;
  messages: RenderedMessage[];
  language: string;
  /**
   * For a press (a `choice` inbound): the question that was open when it arrived, as `current()`
   * would have rendered it, read in the same transaction (null when none was open).
   */
  before?: RenderedMessage | null;
}

export interface NotifyOptions {
  /** The delivery this answers (a photo's update id): claimed in the same transaction; a repeat sends nothing. */
  updateId?: string;
  /** The channel's language suggestion, for someone whose first message this is. */
  languageHint?: string;
  /**
   * The person sent a file or photo: while a counsellor's live line is open the counsellor is told
   * that something was sent (files stay out of the counsellors' tool) instead of the person getting this answer.
   */
  attachment?: boolean;
}

/** The conversation use-case every channel calls. */
export interface ConversationService {
  handle(envelope: InboundEnvelope): Promise<HandleResult>;
  /** The open question re-rendered in the person's language, without changing anything (paging, reload). */
  current(key: ContactKey): Promise<RenderedMessage | null>;
  /**
   * Tells the person something outside the flows (a kind answer to a photo, a status change) in their
   * language: rendered from a locale key, written to the transcript and, for outbox channels, queued.
   */
  notify(
    key: ContactKey,
    localeKey: string,
    params?: Record<string, string | number>,
    options?: NotifyOptions,
  ): Promise<RenderedMessage | null>;
  /** Marks a person reachable or not (they blocked the bot): nothing is sent while unreachable. */
  setReachable(key: ContactKey, reachable: boolean): Promise<void>;
  /** The transcript so far, rendered for display (web chat reload). */
  history(key: ContactKey, limit?: number): Promise<Array<{ direction: 'in' | 'out'; html: string; at: string }>>;
}

export type { Channel };

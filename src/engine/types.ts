import type { ActionName, InputKind, Scalar, Value } from '../flow/schema.js';
import type { NodeRef } from '../flow/target.js';

export type { FlowSet } from '../flow/schema.js';

/** One conversation's state: plain JSON, stored as is. */
export interface Session {
  v: 1;
  /** The node waiting for the user's answer, or null when nothing is open. */
  at: NodeRef | null;
  /** Set while an action runs outside the engine; the next inbound must be its result. */
  pending: { action: ActionName; at: NodeRef } | null;
  vars: Record<string, Value>;
  /** Questions answered before the open one, newest last: what "back" returns to. */
  history: NodeRef[];
  language: string;
  /** False until the first inbound has been handled: what decides between start and menu. */
  started: boolean;
  /** Counts the questions asked; the open one's number marks its buttons (see Inbound choice). */
  asked?: number;
  /** The choices of the open question when it offers ambiguous country matches. */
  offered?: string[];
}

export type Inbound =
  | { kind: 'text'; text: string }
  /**
   * A button press. `question` is the number of the question whose button it was, when the channel
   * keeps buttons of older messages (a messenger): a press on an old question's button does not answer
   * the open one, which could otherwise share ids like `yes`.
   */
  | { kind: 'choice'; id: string; question?: string }
  | { kind: 'command'; command: string }
  | { kind: 'language'; language: string }
  /** Shows the open question again without answering it. */
  | { kind: 'repeat' }
  | { kind: 'effect_result'; vars: Record<string, Scalar>; next?: 'continue' | 'stop' };

/** Choice ids the engine reserves for navigation buttons. */
export const NAV_BACK = 'nav.back';
export const NAV_MENU = 'nav.menu';

/** The button of a multiple choice that finishes it. */
export { MULTI_DONE } from '../flow/schema.js';

export interface Choice {
  id: string;
  /** Fully qualified locale key (`ns:key`), or null when `text` is a literal (a country name). */
  key: string | null;
  text?: string;
  /** In a multiple choice: whether it is chosen now (channels mark it). */
  selected?: boolean;
}

export type OutEvent =
  | {
      type: 'message';
      /** Fully qualified locale key, `namespace:key`. */
      key: string;
      params: Record<string, Value>;
      choices?: Choice[];
      columns?: number;
      /** What kind of answer the open question expects, when one is open. */
      input?: InputKind | 'choice' | 'multiple';
      /** The question's number, for channels to put into its buttons (see Inbound choice). */
      question?: string;
      /** Navigation buttons to offer with a question. */
      nav?: { back: boolean; menu: boolean };
      at?: NodeRef;
    }
  | { type: 'effect'; action: ActionName; params: Record<string, Scalar>; at: NodeRef }
  | { type: 'language'; language: string }
  | { type: 'answer'; at: NodeRef; var: string | null; value: Value }
  | { type: 'invalid'; at: NodeRef }
  | { type: 'stale'; at: NodeRef }
  | { type: 'ended' }
  | { type: 'error'; code: 'loop' | 'missing_node' | 'bad_state'; detail: string };

/** What the engine may not compute itself: the clock and what depends on translations. */
export interface StepContext {
  now: Date;
  /** Languages users may switch to. */
  languages: readonly string[];
  /** The rendered label of a locale key in a language (to match a typed answer to a button). */
  label(language: string, key: string): string;
  /** The locale that names countries for a language (languages.json `cldr`); the tag itself by default. */
  locale?(language: string): string;
}

export interface StepResult {
  session: Session;
  events: OutEvent[];
}

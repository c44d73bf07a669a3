/**
 * What staff do to a case, whatever tool they use (a chat tool's card, the dashboard): claim,
 * assign, change status, close, send a canned reply, write to the person on the live line. Each
 * change is checked against the case model, compare-and-set on the case's version, lands on the
 * timeline, is published as an event for the views that follow the case, and the person is told in
 * their own language, all in one transaction.
 */
import type { CaseStatus, Staff } from './case-model.js';
import type { CaseView } from './ports.js';

export type { Actor } from './events.js';

/** What became of a counsellor's message to the person. */
export type WriteOutcome =
  /** Queued for the person's channel; a receipt follows when it is delivered. */
  | 'queued'
  /** Kept where the person reads it (the web chat's transcript): it is there now. */
  | 'shown'
  /** This delivery was handled before. */
  | 'duplicate'
  /** Kept back until the person writes (their phone is discreet): only a neutral notice went. */
  | 'held'
  /** Not the holder of an open live line on this case: kept internal. */
  | 'not_live'
  /** The person's phone is not safe to message first, and they are not writing now. */
  | 'not_first'
  | 'empty'
  | 'too_long'
  | 'unreachable';

export interface WriteToPerson {
  caseId: string;
  by: Staff;
  text: string;
  /** The tool's id of this delivery (re-deliveries repeat it) and the tool's name, for dedupe. */
  updateId: string;
  via: string;
  /** The tool's reference to the message, handed back in the delivery receipt. */
  ref: string;
}

export interface CaseWorkflow {
  claim(reference: string, by: Staff): Promise<CaseView>;
  /** Gives the case to someone (or to nobody, with null): coordinators and above. */
  assign(reference: string, to: Staff | null, by: Staff): Promise<CaseView>;
  setStatus(reference: string, status: CaseStatus, by: Staff, reason?: string): Promise<CaseView>;
  close(reference: string, by: Staff): Promise<CaseView>;
  /** Sends a canned reply (`templates:<name>`) in the person's language; returns the English text. */
  sendTemplate(reference: string, template: string, by: Staff, params?: Record<string, string>): Promise<string>;
  /** The live line: a counsellor's words to the person, while they hold the open case. */
  writeToPerson(input: WriteToPerson): Promise<WriteOutcome>;
}

/** Longest message a counsellor may send: room for the label around it within a chat message. */
export const MAX_MESSAGE_CHARS = 3500;

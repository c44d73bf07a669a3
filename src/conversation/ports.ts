/**
 * The ports of the conversation use-cases: what they need from storage, described without naming
 * a database. `src/db` implements them on PGlite and PostgreSQL; one contract suite checks both.
 */
import type { Session } from '../engine/types.js';
import type { Scalar, Value } from '../flow/schema.js';

export type Channel = 'telegram' | 'web';

export interface ContactKey {
  channel: Channel;
  /** The id the channel knows the person by (Telegram chat id, web chat token hash). */
  channelUserId: string;
}

export interface ConsentRecord {
  /** Version of the privacy notice the person saw. */
  notice: string;
  at: string;
  purposes: string[];
  /** Separate explicit consent for health and vulnerability answers. */
  sensitive: boolean;
}

export interface Contact extends ContactKey {
  id: string;
  language: string | null;
  consent: ConsentRecord | null;
  /** False once the person blocked the bot: nothing more is sent. */
  reachable: boolean;
  createdAt: Date;
}

export interface StoredSession {
  state: Session;
  version: number;
}

export type CaseKind = 'application' | 'protection' | 'question';
export type CaseQueue = 'protection' | 'avrr' | 'general';
export const caseStatuses = [
  'submitted',
  'in_review',
  'documents_requested',
  'approved',
  'travel_booked',
  'departed',
  'closed',
  'withdrawn',
  'rejected',
  'referred',
] as const;
export type CaseStatus = (typeof caseStatuses)[number];

export interface NewCase {
  kind: CaseKind;
  queue: CaseQueue;
  outcome: string | null;
  urgent: boolean;
  rules: string[];
  route: string | null;
  rulesVersion: string | null;
  language: string;
  nationality: string | null;
  returnCountry: string | null;
  hostCountry: string | null;
  /** Categorical answers (choices, flags, lists of choices): stored plain so the queue can filter on them. */
  answers: Record<string, Value>;
  /** Personal answers (names, date of birth, phone, free text): stored encrypted. */
  personal: Record<string, Scalar>;
}

export interface CaseRecord extends NewCase {
  id: string;
  reference: string;
  contactId: string;
  status: CaseStatus;
  assignee: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** A claimed, open case: while it exists the person's messages go to the counsellor. */
export interface LiveCase extends CaseRecord {
  slackChannel: string | null;
  slackTs: string | null;
}

export interface CaseEvent {
  kind: string;
  actor: string;
  data: Record<string, Scalar>;
  at: Date;
}

export interface TranscriptEntry {
  direction: 'in' | 'out';
  /** What was said, as sent (rendered text out, the user's text in). Stored encrypted. */
  text: string;
  at: Date;
}

export interface OutboxItem {
  /** What to deliver: `telegram.message`, `slack.case_card`, ... Each kind has one deliverer. */
  kind: string;
  payload: Record<string, unknown>;
  /** Items with the same key go out in order, one at a time. */
  orderKey: string;
}

export interface PendingDelivery extends OutboxItem {
  id: string;
  attempts: number;
}

/** What one locked transaction over a contact can do. Everything commits or nothing does. */
export interface ContactTx {
  readonly contact: Contact;
  readonly session: StoredSession | null;
  /**
   * Records an inbound id; false when it was seen before (a re-delivery). `channel` names the
   * delivering channel when it is not the contact's own (a Slack event about a Telegram contact).
   */
  claimInbound(updateId: string, channel?: string): Promise<boolean>;
  saveSession(state: Session): Promise<void>;
  setLanguage(language: string): Promise<void>;
  setConsent(consent: ConsentRecord | null): Promise<void>;
  setReachable(reachable: boolean): Promise<void>;
  appendTranscript(entries: TranscriptEntry[]): Promise<void>;
  createCase(input: NewCase, at: Date): Promise<CaseRecord>;
  /** The person's cases, newest first. */
  cases(): Promise<CaseRecord[]>;
  /** The open case a counsellor has claimed (the live line is open), with its Slack card; else null. */
  liveCase(): Promise<LiveCase | null>;
  addCaseEvent(caseId: string, event: CaseEvent): Promise<void>;
  /** Changes one of the person's own cases (withdrawal) and records the event, in this transaction. */
  setCaseStatus(caseId: string, status: CaseStatus, event: CaseEvent): Promise<void>;
  enqueue(items: OutboxItem[], at: Date): Promise<void>;
  /** Erases personal data: transcript, session, personal case fields; keeps counts. */
  erase(at: Date): Promise<void>;
}

export interface ConversationStore {
  /** Runs `fn` in one transaction holding the contact's row lock (the contact is created if new). */
  withContact<T>(key: ContactKey, fn: (tx: ContactTx) => Promise<T>): Promise<T>;
  /** The newest transcript entries of a contact, oldest first. */
  transcript(key: ContactKey, limit: number): Promise<TranscriptEntry[]>;
}

export interface OutboxStore {
  /** Due items, at most one per order key (the oldest undelivered), locked for this worker. */
  due(now: Date, limit: number): Promise<PendingDelivery[]>;
  delivered(id: string, at: Date): Promise<void>;
  /** Schedules another try, or gives up (dead) when `retryAt` is null. */
  failed(id: string, error: string, retryAt: Date | null): Promise<void>;
}

/** One service in the directory shown to returnees (coordinators maintain it). */
export interface DirectoryEntry {
  country: string;
  place: string | null;
  name: string;
  /** One of SERVICE_TOPICS: shown to the person in their language. */
  topic: string;
  what: string;
  contact: string;
}

export interface ServicesDirectory {
  /** Services in a country, those of the place first when a place is given. */
  find(country: string, place: string | null): Promise<DirectoryEntry[]>;
}

/** The screening rules as the conversation sees them (the rule engine lives in src/screening). */
export interface Screening {
  /**
   * Evaluates the answers so far. Not `final`: only stop rules whose inputs are all answered, so the
   * questions end at once when one fires. `final`: every rule, on a complete set of answers.
   */
  evaluate(
    vars: Readonly<Record<string, string | number | boolean | null>>,
    final: boolean,
    /**
     * Answers the person chose not to give (the health and family questions): the result is then
     * COUNSELLOR_REVIEW at best, and a counsellor asks them in person. Only with `final`.
     */
    unanswered?: readonly string[],
  ): Promise<{ stop: boolean; outcome: string | null; urgent: boolean; rules: string[]; route: string | null; version: string }>;
  /** Where returns to a country stand on the destinations list in force (not listed: open). */
  destination(country: string): Promise<DestinationState>;
}

/** A destination's entry on the list in force, as the person is told it. */
export interface DestinationState {
  status: 'open' | 'limited' | 'suspended';
  /** Why, as one of DESTINATION_REASONS (shown in the person's language); null when open. */
  reason: string | null;
  /** When the entry was last checked (YYYY-MM-DD), null when unknown. */
  checked: string | null;
}

/** What the retention sweep removed. */
export interface SweepResult {
  /** Conversations nobody continued and that led to no case: session, transcript and consent erased. */
  abandoned: number;
  /** Old inbound ids (a channel re-delivers within hours, never weeks later). */
  dedupe: number;
}

/** Deletes what the privacy notice promises not to keep (application-data.md, "Retention"). */
export interface RetentionStore {
  sweep(limits: { abandonedBefore: Date; dedupeBefore: Date; at: Date }): Promise<SweepResult>;
}

export interface HealthCheck {
  /** Resolves when the database answers, rejects otherwise. */
  ping(): Promise<void>;
}

/** A case as counsellors and coordinators see it, with the person's contact key. */
export interface CaseView extends CaseRecord {
  contact: ContactKey & { reachable: boolean; language: string | null };
  slackChannel: string | null;
  slackTs: string | null;
}

export interface CasePatch {
  status?: CaseStatus;
  assignee?: string | null;
  slackChannel?: string;
  slackTs?: string;
}

/** Case management outside a migrant's turn: counsellors (Slack) and coordinators (dashboard). */
export interface CaseStore {
  byReference(reference: string): Promise<CaseView | null>;
  byId(id: string): Promise<CaseView | null>;
  /** Changes a case and appends the event to its timeline, in one transaction. */
  update(id: string, patch: CasePatch, event: CaseEvent): Promise<CaseView>;
  /** The case's timeline, oldest first. */
  events(id: string): Promise<CaseEvent[]>;
  /** Open cases assigned to someone (App Home), newest first. */
  assignedTo(assignee: string): Promise<CaseView[]>;
  /** Open cases per queue, and how many of them nobody has claimed. */
  queueCounts(): Promise<Array<{ queue: CaseQueue; open: number; unclaimed: number; urgent: number }>>;
}

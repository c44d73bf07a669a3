/**
 * The ports of the conversation use-cases: what they need from storage, described without naming
 * a database. `src/db` implements them on PGlite and PostgreSQL; one contract suite checks both.
 */
import type { Session } from '../engine/types.js';
import type { Scalar, Value } from '../flow/schema.js';
import type { CaseKind, CaseQueue, CaseStatus, Staff } from './case-model.js';
import type { Reach } from './contact-reach.js';
import type { ErasureResult } from './erasure-policy.js';
import type { RenderedMessage } from './types.js';
import type { AfterApplicationTx } from './after-ports.js';

export type { CaseKind, CaseQueue, CaseStatus } from './case-model.js';
export { caseStatuses } from './case-model.js';

/** A migrant-facing channel's name (`web`, or an adapter's own); the core treats it as opaque. */
export type Channel = string;

/** What a channel can do for the people on it; the core words its promises by these. */
export interface ChannelCapabilities {
  /** Answers can be buttons. */
  buttons: boolean;
  /** Messages can be sent first, without the person writing (status news, a counsellor's words). */
  push: boolean;
  /** The bot can delete messages from the person's device (recent ones). */
  deleteMessages: boolean;
  /** Staff can hold a threaded conversation about a case in it (a counsellors' tool). */
  threads: boolean;
}

export interface ContactKey {
  channel: Channel;
  /** The id the channel knows the person by (a chat id, a hash of a web chat token). */
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
  /** Whether the service may message them first on this phone (contact-reach.ts). */
  reach: Reach;
  /** When they last wrote. */
  lastSeenAt: Date | null;
  createdAt: Date;
}

export interface StoredSession {
  state: Session;
  version: number;
}


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
  /** Bumped by every change: changes are compare-and-set on it, so they hold across processes. */
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

/** What a staff change sets on a case. */
export interface CasePatch {
  status?: CaseStatus;
  assignee?: string | null;
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
  /** What to deliver (`<adapter>.<what>`); each kind has one deliverer, its adapter's. */
  kind: string;
  payload: Record<string, unknown>;
  /** Items with the same key go out in order, one at a time. */
  orderKey: string;
}

export interface PendingDelivery extends OutboxItem {
  id: string;
  attempts: number;
}

/** A timeline event as it is written: stamped with the transaction's time. */
export type NewCaseEvent = Omit<CaseEvent, 'at'>;

/** What one locked transaction over a contact can do. Everything commits or nothing does. */
export interface ContactTx extends AfterApplicationTx {
  readonly contact: Contact;
  readonly session: StoredSession | null;
  /** The time of this transaction, from the injected clock: every write in it is stamped with it. */
  readonly now: Date;
  /**
   * Records an inbound id; false when it was seen before (a re-delivery). `channel` names the
   * delivering channel when it is not the contact's own (a counsellor's tool writing to the person).
   */
  claimInbound(updateId: string, channel?: string): Promise<boolean>;
  saveSession(state: Session): Promise<void>;
  setLanguage(language: string): Promise<void>;
  setConsent(consent: ConsentRecord | null): Promise<void>;
  setReachable(reachable: boolean): Promise<void>;
  /** Whether the service may message the person first (their answer to "is this phone safe?"). */
  setReach(reach: Reach): Promise<void>;
  /** The person wrote now (answers within the presence window are replies, not first messages). */
  markSeen(): Promise<void>;
  /** Keeps a message back until the person writes; returns how many are waiting now. */
  holdNews(message: RenderedMessage): Promise<number>;
  /** The messages kept back, oldest first, and forgets them. */
  takeNews(): Promise<RenderedMessage[]>;
  appendTranscript(entries: Array<Omit<TranscriptEntry, 'at'>>): Promise<void>;
  createCase(input: NewCase): Promise<CaseRecord>;
  /** The person's cases, newest first. */
  cases(): Promise<CaseRecord[]>;
  /** One of the person's cases, or null. */
  case(caseId: string): Promise<CaseRecord | null>;
  /**
   * The case whose live line is open, or null: an open case a counsellor holds, or a departed case
   * (held or not) until it is closed (see `liveLineStatuses`).
   */
  liveCase(): Promise<CaseRecord | null>;
  addCaseEvent(caseId: string, event: NewCaseEvent): Promise<void>;
  /**
   * Changes one of the person's cases if it is still at `version` (compare-and-set) and records the
   * event; null when someone changed it meanwhile (nothing is written then).
   */
  updateCase(caseId: string, version: number, patch: CasePatch, event: NewCaseEvent): Promise<CaseRecord | null>;
  enqueue(items: OutboxItem[]): Promise<void>;
  /**
   * Erases the person (erasure-policy.ts): transcript, session, news, answers, notes, staff reasons,
   * and the link to their chat unless a journey is being organised; keeps the counts.
   */
  erase(): Promise<ErasureResult>;
}

export interface ConversationStore {
  /**
   * Runs `fn` in one transaction holding the contact's row lock (the contact is created if new).
   * `claim`: an inbound id the transaction will claim first (`claimInbound(claim)` answers from
   * the statement that took the lock, one round trip fewer).
   */
  withContact<T>(key: ContactKey, fn: (tx: ContactTx) => Promise<T>, options?: { claim?: string }): Promise<T>;
  /** The newest transcript entries of a contact, oldest first. */
  transcript(key: ContactKey, limit: number): Promise<TranscriptEntry[]>;
}

/** What a committed transaction leased to this process, and the keys it queued behind others. */
export interface ClaimedBatch {
  claimed: PendingDelivery[];
  behind: string[];
}
export interface OutboxStore {
  /** Queues items outside a person's transaction (a channel's own follow-ups: a reaction, a note). */
  enqueue(items: OutboxItem[], at: Date): Promise<void>;
  /** Due items, at most one per order key (the oldest undelivered), leased to this worker; only of `orderKeys` when given. */
  due(now: Date, limit: number, orderKeys?: readonly string[]): Promise<PendingDelivery[]>;
  delivered(ids: readonly string[], at: Date): Promise<void>;
  /** Schedules another try, or gives up (dead) when `retryAt` is null. */
  failed(id: string, error: string, retryAt: Date | null, at: Date): Promise<void>;
  /** Ends the lease of items handed out but not tried (they wait behind one that failed). */
  release(ids: readonly string[]): Promise<void>;
  /**
   * Once something listens, an item written while no earlier item of its order key is pending is
   * leased to this process as it is written, and handed to `listener` when its transaction has
   * committed: delivered with no polling and no second read of what is in memory. `behind` names
   * the keys of items written behind a pending one (left unleased, for whoever delivers that one).
   */
  onClaimed(listener: (batch: ClaimedBatch) => void): void;
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
  /** Conversations nobody continued, with no open case: session, transcript and consent erased. */
  abandoned: number;
  /** Cases closed longer than the closed-case period whose personal data was removed now. */
  pseudonymised: string[];
  /** Old inbound ids (a channel re-delivers within hours, never weeks later). */
  dedupe: number;
  /** Delivered or dead outbox rows purged. */
  outbox: number;
}

/** Deletes what the privacy notice promises not to keep (application-data.md, "Retention"). */
export interface RetentionStore {
  sweep(limits: { abandonedBefore: Date; closedBefore: Date; dedupeBefore: Date; finishedBefore: Date; at: Date }): Promise<SweepResult>;
}

export interface HealthCheck {
  /** Resolves when the database answers, rejects otherwise. */
  ping(): Promise<void>;
}

/** A case as counsellors and coordinators see it, with the person's contact key. */
export interface CaseView extends CaseRecord {
  contact: ContactKey & { reachable: boolean; language: string | null; reach: Reach };
}

/** Case reads outside a migrant's turn (counsellors' tools, the dashboard); changes go through a ContactTx. */
export interface CaseStore {
  byReference(reference: string): Promise<CaseView | null>;
  byId(id: string): Promise<CaseView | null>;
  /** The case's timeline, oldest first. */
  events(id: string): Promise<CaseEvent[]>;
  /** Open cases assigned to one of these ids, newest first. */
  assignedTo(assignees: readonly string[]): Promise<CaseView[]>;
  /** Open cases per queue, and how many of them nobody has claimed. */
  queueCounts(): Promise<Array<{ queue: CaseQueue; open: number; unclaimed: number; urgent: number }>>;
}

/** Staff as the tools they use know them (a chat tool's user linked to a dashboard user). */
export interface StaffDirectory {
  /** The enabled staff member whose account is linked to this user of a tool (a tool's name and its user id). */
  byToolUser(tool: string, toolUserId: string): Promise<Staff | null>;
  /**
   * Links a tool's user to the enabled staff member with this email (the tool vouched for it, e.g.
   * the tool's profile), unless either side is linked elsewhere already; the link is audit-logged.
   */
  linkByEmail(tool: string, toolUserId: string, email: string): Promise<Staff | null>;
}

/** Counters kept in the database, so limits hold across instances (see rate-limits.ts). */
export interface RateLimitStore {
  /** Counts one hit on `key` in the fixed window that contains `at`; returns the count so far. */
  hit(key: string, windowMs: number, at: Date): Promise<number>;
}

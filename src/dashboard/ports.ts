/**
 * What the dashboard needs from storage, described without naming a database (src/db implements
 * it on PGlite and PostgreSQL). Personal data reaches the dashboard already decrypted, and only
 * through `cases.detail`, which the routes audit-log.
 */
import type { Reach } from '../conversation/contact-reach.js';
import type { CaseQueue, CaseStatus, NewCase } from '../conversation/ports.js';

export { hasLiveLine, openStatuses } from '../conversation/case-model.js';
import type { Scalar, Value } from '../flow/schema.js';
import type { DestinationReason } from '../screening/index.js';

export { roles, type Role } from '../conversation/case-model.js';
import type { Role } from '../conversation/case-model.js';

export interface User {
  id: string;
  email: string;
  role: Role;
  slackUserId: string | null;
  /** Marked for protection work: may pick up protection-queue cases. */
  protection: boolean;
  createdAt: Date;
  lastSignInAt: Date | null;
  disabledAt: Date | null;
}

export interface SessionInfo {
  user: User;
  csrf: string;
  expiresAt: Date;
  /** Who issued the sign-in link the session came from, when not the user themselves (M4). */
  linkIssuedBy: string | null;
}

/** Staff, one-time sign-in links and signed-in sessions. Tokens and session ids arrive hashed. */
export interface AuthStore {
  userByEmail(email: string): Promise<User | null>;
  userById(id: string): Promise<User | null>;
  userBySlackId(slackUserId: string): Promise<User | null>;
  users(): Promise<User[]>;
  /** Creates the user, or changes the role of an existing one; `created` says which. */
  upsertUser(input: { email: string; role: Role; slackUserId?: string | null }, at: Date): Promise<{ user: User; created: boolean }>;
  updateUser(id: string, patch: { role?: Role; disabled?: boolean; slackUserId?: string | null; protection?: boolean }, at: Date): Promise<User | null>;
  /** True when an enabled admin exists. */
  hasAdmin(): Promise<boolean>;
  /**
   * Stores a link's token hash; `userId` null means "whoever opens it becomes the first admin".
   * The user's earlier unused links stop working: `revoked` says how many there were.
   */
  issueToken(input: { tokenHash: string; userId: string | null; expiresAt: Date; issuedBy: string }, at: Date): Promise<{ revoked: number }>;
  /** The link's user when it is unused, unexpired and its user enabled; changes nothing. */
  peekToken(tokenHash: string, now: Date): Promise<{ user: User | null } | null>;
  /** Marks the link used, atomically: of two concurrent calls only one gets a result. */
  consumeToken(tokenHash: string, now: Date): Promise<{ userId: string | null; issuedBy: string } | null>;
  createSession(input: { idHash: string; userId: string; csrf: string; expiresAt: Date; linkIssuedBy: string | null }, now: Date): Promise<void>;
  /** The session and its (enabled) user, when it has not expired. */
  session(idHash: string, now: Date): Promise<SessionInfo | null>;
  deleteSession(idHash: string): Promise<void>;
  deleteSessionsOf(userId: string): Promise<void>;
  /** Removes expired sessions and links. */
  purge(now: Date): Promise<void>;
}

export interface AuditEntry {
  actorId: string | null;
  /** An email, or `cli`, `startup`, `slack:U123`. */
  actor: string;
  action: string;
  target: string | null;
  data: Record<string, Scalar>;
}

export interface AuditRecord extends AuditEntry {
  id: number;
  at: Date;
}

export interface AuditStore {
  record(entry: AuditEntry, at: Date): Promise<void>;
  list(query: { action?: string; actor?: string; target?: string; offset: number; limit: number }): Promise<{ rows: AuditRecord[]; total: number }>;
  actions(): Promise<string[]>;
}

export type QueueSort = 'priority' | 'oldest' | 'newest' | 'reference' | 'status';

/** The queue's filters; every field optional, `status: 'open'` is the default view. */
export interface QueueFilter {
  status?: CaseStatus | 'open' | 'all';
  queue?: CaseQueue;
  outcome?: string;
  language?: string;
  nationality?: string;
  returnCountry?: string;
  urgent?: boolean;
  unassigned?: boolean;
  /** Only cases created before this time (waiting at least so long). */
  createdBefore?: Date;
  /** Only cases assigned to one of these actor ids (`user:<id>`, `slack:U1`). */
  assignees?: string[];
}

/** A case in a list: its plain categories (as created, NewCase) without any answer, and who has it. */
export interface QueueRow extends Omit<NewCase, 'answers' | 'personal'> {
  id: string;
  reference: string;
  status: CaseStatus;
  channel: string;
  assignee: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface ExportRow extends QueueRow {
  answers: Record<string, Value>;
}

export interface QueueCount {
  queue: CaseQueue;
  open: number;
  unclaimed: number;
  urgent: number;
  /** Unclaimed beyond the queue's pick-up target. */
  overdue: number;
}

export interface Facets {
  outcomes: string[];
  languages: string[];
  nationalities: string[];
  returnCountries: string[];
}

export interface QueueQueries {
  list(filter: QueueFilter, sort: QueueSort, page: { offset: number; limit: number }): Promise<{ rows: QueueRow[]; total: number }>;
  /** Open cases per queue; `slaHours` gives each queue's pick-up target. */
  counts(now: Date, slaHours: (queue: CaseQueue) => number): Promise<QueueCount[]>;
  facets(): Promise<Facets>;
  /** Every matching case, with its categorical answers, for the CSV. */
  exportRows(filter: QueueFilter, sort: QueueSort): Promise<ExportRow[]>;
}

export interface TimelineEntry {
  kind: string;
  actor: string;
  data: Record<string, Scalar>;
  at: Date;
}

export interface NoteEntry {
  author: string;
  /** Null once the case's personal data was erased. */
  text: string | null;
  at: Date;
}

export interface CaseDetail extends QueueRow {
  answers: Record<string, Value>;
  /** Decrypted; empty once erased. */
  personal: Record<string, Scalar>;
  erased: boolean;
  contact: { channel: string; language: string | null; reachable: boolean; reach: Reach; consent: { notice: string; at: string; sensitive: boolean } | null };
  events: TimelineEntry[];
  notes: NoteEntry[];
  transcript: Array<{ direction: 'in' | 'out'; text: string; at: Date }>;
}

export interface CasePageQueries {
  /** Categorical fields only: enough to decide who may open the case. */
  summary(reference: string): Promise<QueueRow | null>;
  /** Everything, decrypted. Callers audit-log the view. */
  detail(reference: string, transcriptLimit: number): Promise<CaseDetail | null>;
  addNote(caseId: string, author: string, text: string, at: Date): Promise<void>;
}

export interface WeekCount {
  /** Monday of the week, ISO date. */
  week: string;
  outcome: string;
  count: number;
}

export interface Funnel {
  started: number;
  consented: number;
  screened: number;
  applied: number;
  claimed: number;
  departed: number;
}

export interface QuestionDropOff {
  flow: string;
  node: string;
  /** Conversations that got to the question. */
  reached: number;
  /** Of those, idle there now: they stopped at it. */
  dropped: number;
}

export interface StatsQueries {
  weeklyByOutcome(since: Date): Promise<WeekCount[]>;
  funnel(): Promise<Funnel>;
  byLanguage(): Promise<Array<{ key: string; conversations: number; cases: number }>>;
  byNationality(limit: number): Promise<Array<{ key: string; cases: number }>>;
  /** Median hours from a case's creation to its first claim or assignment; null without any. */
  medianHoursToClaim(): Promise<number | null>;
  /** Per question, from the conversations' current position and history; idle means untouched since `idleBefore`. */
  dropOff(idleBefore: Date): Promise<QuestionDropOff[]>;
}

export type DestinationStatus = 'open' | 'limited' | 'suspended';

export interface DestinationEntry {
  country: string;
  status: DestinationStatus;
  since: string;
  note: string;
  /** Why, as the person is told it (DESTINATION_REASONS); the seed file has it for every entry. */
  reason?: DestinationReason;
  /** When the entry was last checked (YYYY-MM-DD): the day a coordinator saved it. */
  checked?: string;
  /** Where the state comes from. */
  source?: string;
}

export interface DestinationList {
  version: number;
  entries: DestinationEntry[];
  change: string;
  changedBy: string;
  createdAt: Date;
}

export interface ServiceEntry {
  id: string;
  country: string;
  municipality: string | null;
  name: string;
  /** One of SERVICE_TOPICS. */
  topic: string;
  what: string;
  contact: string;
  verified: boolean;
  updatedBy: string;
  updatedAt: Date;
}

export type ServiceInput = Omit<ServiceEntry, 'id' | 'updatedAt' | 'updatedBy'>;

export interface ListsStore {
  /** The newest version, or null before the list was seeded. */
  destinations(): Promise<DestinationList | null>;
  destinationHistory(limit: number): Promise<DestinationList[]>;
  /**
   * Writes a new version when the newest is still `basedOn` (0 for the first); null when someone
   * else saved meanwhile.
   */
  saveDestinations(entries: DestinationEntry[], basedOn: number, change: string, changedBy: string, at: Date): Promise<DestinationList | null>;
  services(): Promise<ServiceEntry[]>;
  /** Inserts the entries only when the directory is empty; true when it did. */
  seedServices(entries: ServiceInput[], by: string, at: Date): Promise<boolean>;
  saveService(id: string | null, input: ServiceInput, by: string, at: Date): Promise<ServiceEntry | null>;
  deleteService(id: string): Promise<boolean>;
}

/** Everything the dashboard reads and writes. */
export interface DashboardStores {
  auth: AuthStore;
  audit: AuditStore;
  queue: QueueQueries;
  cases: CasePageQueries;
  stats: StatsQueries;
  lists: ListsStore;
}

/**
 * The database schema, the one source of the migrations in `drizzle/` (`npm run db:generate`).
 * Personal data is stored only in `*_enc` columns, encrypted with the key ring (see crypto.ts);
 * categorical data stays plain so the queue and the statistics can filter and count it.
 */
import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  pgSequence,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { Reach } from '../conversation/contact-reach.js';
import type { ConsentRecord } from '../conversation/ports.js';
import type { DestinationEntry } from '../dashboard/ports.js';
import type { Scalar, Value } from '../flow/schema.js';

const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** Numbers the human-readable case references (`AVR-2026-000123`); never reset, never reused. */
export const caseReferenceSeq = pgSequence('case_reference_seq', { startWith: 1, increment: 1, minValue: 1 });

export const contacts = pgTable(
  'contacts',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    channel: text('channel').notNull(),
    channelUserId: text('channel_user_id').notNull(),
    language: text('language'),
    /** The proof of consent; null before consent and after erasure. */
    consent: jsonb('consent').$type<ConsentRecord>(),
    reachable: boolean('reachable').notNull().default(true),
    /** Whether the service may message the person first on this phone (see contact-reach.ts). */
    reach: text('reach').$type<Reach>().notNull().default('push'),
    /** When the person last wrote: a message within the presence window is a reply, not a first. */
    lastSeenAt: at('last_seen_at'),
    createdAt: at('created_at').notNull(),
    updatedAt: at('updated_at').notNull(),
    erasedAt: at('erased_at'),
  },
  (t) => [uniqueIndex('contacts_channel_user_uq').on(t.channel, t.channelUserId)],
);

/** One conversation state per contact. Encrypted: its vars hold the answers, names included. */
export const sessions = pgTable('sessions', {
  contactId: uuid('contact_id')
    .primaryKey()
    .references(() => contacts.id, { onDelete: 'cascade' }),
  stateEnc: text('state_enc').notNull(),
  version: integer('version').notNull(),
  updatedAt: at('updated_at').notNull(),
});

/** Inbound ids already handled, so a re-delivered update is not processed twice. */
export const inboundDedupe = pgTable(
  'inbound_dedupe',
  {
    channel: text('channel').notNull(),
    updateId: text('update_id').notNull(),
    contactId: uuid('contact_id')
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    receivedAt: at('received_at').notNull(),
  },
  (t) => [primaryKey({ name: 'inbound_dedupe_pk', columns: [t.channel, t.updateId] }), index('inbound_dedupe_received_idx').on(t.receivedAt)],
);

export const cases = pgTable(
  'cases',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    reference: text('reference').notNull().unique('cases_reference_uq'),
    contactId: uuid('contact_id')
      .notNull()
      .references(() => contacts.id, { onDelete: 'restrict' }),
    kind: text('kind').notNull(),
    queue: text('queue').notNull(),
    status: text('status').notNull().default('submitted'),
    outcome: text('outcome'),
    urgent: boolean('urgent').notNull().default(false),
    rules: text('rules').array().notNull().default(sql`'{}'::text[]`),
    route: text('route'),
    rulesVersion: text('rules_version'),
    language: text('language').notNull(),
    nationality: text('nationality'),
    returnCountry: text('return_country'),
    hostCountry: text('host_country'),
    /** Categorical answers (choices, flags), plain. */
    answers: jsonb('answers').$type<Record<string, Value>>().notNull().default({}),
    /** Personal answers as encrypted JSON; null once erased. */
    personalEnc: text('personal_enc'),
    assignee: text('assignee'),
    /** Bumped by every change; changes are compare-and-set on it. */
    version: integer('version').notNull().default(0),
    createdAt: at('created_at').notNull(),
    updatedAt: at('updated_at').notNull(),
  },
  (t) => [
    index('cases_contact_idx').on(t.contactId, t.createdAt),
    index('cases_status_idx').on(t.status, t.createdAt),
    index('cases_queue_idx').on(t.queue, t.status),
    index('cases_outcome_idx').on(t.outcome),
    index('cases_language_idx').on(t.language),
    index('cases_nationality_idx').on(t.nationality),
    index('cases_created_idx').on(t.createdAt),
  ],
);

export const caseEvents = pgTable(
  'case_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    actor: text('actor').notNull(),
    data: jsonb('data').$type<Record<string, Scalar>>().notNull().default({}),
    at: at('at').notNull(),
  },
  (t) => [index('case_events_case_idx').on(t.caseId, t.id)],
);

export const transcriptMessages = pgTable(
  'transcript_messages',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    contactId: uuid('contact_id')
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    caseId: uuid('case_id').references(() => cases.id, { onDelete: 'set null' }),
    direction: text('direction').$type<'in' | 'out'>().notNull(),
    textEnc: text('text_enc').notNull(),
    at: at('at').notNull(),
  },
  (t) => [index('transcript_contact_idx').on(t.contactId, t.id)],
);

/**
 * News held back from a phone that is not safe to message first: given to the person (and deleted)
 * when they next write. The rendered message is encrypted.
 */
export const pendingNews = pgTable(
  'pending_news',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    contactId: uuid('contact_id')
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    messageEnc: text('message_enc').notNull(),
    at: at('at').notNull(),
  },
  (t) => [index('pending_news_contact_idx').on(t.contactId, t.id)],
);

/**
 * Deliveries to make (Telegram messages, Slack cards), written in the same transaction as the
 * state change that caused them. Payloads carry message text, so they are encrypted.
 */
export const outbox = pgTable(
  'outbox',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    kind: text('kind').notNull(),
    /** Null once delivered: the text is not kept after it went out. */
    payloadEnc: text('payload_enc'),
    orderKey: text('order_key').notNull(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: at('next_attempt_at').notNull(),
    /** A worker's lease: the item is not handed out again before this time. */
    lockedUntil: at('locked_until'),
    deliveredAt: at('delivered_at'),
    deadAt: at('dead_at'),
    lastError: text('last_error'),
    createdAt: at('created_at').notNull(),
  },
  (t) => [
    // Only pending rows are indexed: finding each key's head and the due ones stays cheap
    // however long the delivered history grows.
    index('outbox_pending_key_idx')
      .on(t.orderKey, t.id)
      .where(sql`${t.deliveredAt} is null and ${t.deadAt} is null`),
    index('outbox_pending_due_idx')
      .on(t.nextAttemptAt)
      .where(sql`${t.deliveredAt} is null and ${t.deadAt} is null`),
  ],
);

/** Hits per key and fixed window (src/conversation/rate-limits.ts); old windows are swept. */
export const rateLimits = pgTable(
  'rate_limits',
  {
    key: text('key').notNull(),
    windowStart: at('window_start').notNull(),
    hits: integer('hits').notNull(),
  },
  (t) => [primaryKey({ name: 'rate_limits_pk', columns: [t.key, t.windowStart] }), index('rate_limits_window_idx').on(t.windowStart)],
);

// ---- Dashboard: staff, sign-in, audit, and the lists coordinators maintain ----------------------

/** Staff who use the dashboard. Roles nest: admin > coordinator > counsellor. */
export const users = pgTable('users', {
  id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
  /** Lower-cased. */
  email: text('email').notNull().unique('users_email_uq'),
  role: text('role').$type<'counsellor' | 'coordinator' | 'admin'>().notNull(),
  /** Links a Slack account (`/avrr login`, cases claimed in Slack) to this user. */
  slackUserId: text('slack_user_id').unique('users_slack_user_uq'),
  /** Marked for protection work: may pick up protection-queue cases (coordinators always may). */
  protection: boolean('protection').notNull().default(false),
  createdAt: at('created_at').notNull(),
  updatedAt: at('updated_at').notNull(),
  lastSignInAt: at('last_sign_in_at'),
  /** Set when an admin switches the account off: no sign-in, sessions revoked. */
  disabledAt: at('disabled_at'),
});

/** One-time sign-in links. Only a hash of the token is kept; a null user is the first admin's link. */
export const loginTokens = pgTable(
  'login_tokens',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'cascade' }),
    expiresAt: at('expires_at').notNull(),
    usedAt: at('used_at'),
    /** Who asked for it: `cli`, `startup`, `slack:U123`, `user:<uuid>`. */
    issuedBy: text('issued_by').notNull(),
    createdAt: at('created_at').notNull(),
  },
  (t) => [index('login_tokens_user_idx').on(t.userId), index('login_tokens_expires_idx').on(t.expiresAt)],
);

/** Signed-in browsers. The cookie holds the id; only its hash is stored. */
export const adminSessions = pgTable(
  'admin_sessions',
  {
    idHash: text('id_hash').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** The token every form of this session carries. */
    csrf: text('csrf').notNull(),
    /**
     * Who issued the sign-in link this session came from, when it was someone other than the user
     * (an admin's email, `cli`): every action of the session is audit-logged with it.
     */
    linkIssuedBy: text('link_issued_by'),
    expiresAt: at('expires_at').notNull(),
    createdAt: at('created_at').notNull(),
  },
  (t) => [index('admin_sessions_user_idx').on(t.userId), index('admin_sessions_expires_idx').on(t.expiresAt)],
);

/** Who looked at or changed what. Kept when users go: the actor's email is copied in. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: at('at').notNull(),
    actorId: uuid('actor_id'),
    actor: text('actor').notNull(),
    action: text('action').notNull(),
    target: text('target'),
    data: jsonb('data').$type<Record<string, Scalar>>().notNull().default({}),
  },
  (t) => [index('audit_log_at_idx').on(t.at), index('audit_log_action_idx').on(t.action, t.at), index('audit_log_target_idx').on(t.target)],
);

/** The destinations list, versioned: every change writes the whole list again as a new version. */
export const destinationLists = pgTable('destination_lists', {
  version: integer('version').primaryKey(),
  entries: jsonb('entries').$type<DestinationEntry[]>().notNull(),
  /** What changed, for the history (`AF: open -> suspended`). */
  change: text('change').notNull(),
  changedBy: text('changed_by').notNull(),
  createdAt: at('created_at').notNull(),
});

/** Services a returnee or migrant can be referred to, per country and municipality. */
export const servicesDirectory = pgTable(
  'services_directory',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    country: text('country').notNull(),
    /** Null: serves the whole country. */
    municipality: text('municipality'),
    name: text('name').notNull(),
    /** One of SERVICE_TOPICS (src/conversation/directory-from-data.ts): what the bot names in the person's language. */
    topic: text('topic').notNull().default('other'),
    what: text('what').notNull(),
    contact: text('contact').notNull().default(''),
    /** False until someone checked the contact: not shown to migrants before. */
    verified: boolean('verified').notNull().default(false),
    updatedBy: text('updated_by').notNull(),
    createdAt: at('created_at').notNull(),
    updatedAt: at('updated_at').notNull(),
  },
  (t) => [index('services_directory_place_idx').on(t.country, t.municipality)],
);

/** Internal notes on a case; staff may write personal details, so the text is encrypted. */
export const caseNotes = pgTable(
  'case_notes',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    author: text('author').notNull(),
    textEnc: text('text_enc'),
    at: at('at').notNull(),
  },
  (t) => [index('case_notes_case_idx').on(t.caseId, t.id)],
);

// ---- After the application: scheduled jobs, appointments, documents, travel, follow-up ----------

/**
 * Work to do at a time (a reminder, a check-in), for one case. Runners lease due rows with
 * `FOR UPDATE SKIP LOCKED`, so several instances never take the same job at once; a job then runs
 * in its person's transaction, which takes the row's lock again and finishes it, so it is done once
 * even when a lease runs out. `key` names the job's purpose: scheduling the same key again moves it.
 */
export const scheduledJobs = pgTable(
  'scheduled_jobs',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    key: text('key').notNull().unique('scheduled_jobs_key_uq'),
    kind: text('kind').notNull(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    /** Ids and numbers only: never personal data. */
    payload: jsonb('payload').$type<Record<string, Scalar>>().notNull().default({}),
    dueAt: at('due_at').notNull(),
    /** Runs started, counted when a runner takes the job (a run that crashes still counts). */
    attempts: integer('attempts').notNull().default(0),
    /** A runner's lease: the job is not handed out again before this time. */
    lockedUntil: at('locked_until'),
    finishedAt: at('finished_at'),
    /** `done`, `skipped` (no longer applies when it ran), `cancelled`, `dead` (gave up). */
    outcome: text('outcome'),
    lastError: text('last_error'),
    createdAt: at('created_at').notNull(),
    updatedAt: at('updated_at').notNull(),
  },
  (t) => [
    index('scheduled_jobs_due_idx').on(t.dueAt).where(sql`${t.finishedAt} is null`),
    index('scheduled_jobs_case_idx').on(t.caseId),
  ],
);

/** Offices where people meet counsellors in person; coordinators keep the list. */
export const offices = pgTable('offices', {
  id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
  name: text('name').notNull(),
  /** Shown to the person who books a meeting there. */
  address: text('address').notNull(),
  country: text('country').notNull(),
  /** IANA time zone of the office (Europe/Sarajevo). */
  timeZone: text('time_zone').notNull(),
  /** Off: no new times there; booked ones keep their place. */
  active: boolean('active').notNull().default(true),
  updatedBy: text('updated_by').notNull(),
  createdAt: at('created_at').notNull(),
  updatedAt: at('updated_at').notNull(),
});

/** A time a counsellor offers for an appointment, in one way (phone, video, in person) and languages. */
export const appointmentSlots = pgTable(
  'appointment_slots',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    startsAt: at('starts_at').notNull(),
    minutes: integer('minutes').notNull(),
    mode: text('mode').notNull(),
    officeId: uuid('office_id').references(() => offices.id, { onDelete: 'restrict' }),
    /** Languages the counsellor or an interpreter covers (tags). */
    languages: text('languages').array().notNull(),
    /** The counsellor's actor id (`user:<uuid>`, `slack:U1`) and what pages show for them. */
    counsellor: text('counsellor').notNull(),
    counsellorName: text('counsellor_name').notNull(),
    /** Where the time was given: how staff pages show it. */
    timeZone: text('time_zone').notNull(),
    createdAt: at('created_at').notNull(),
    /** Withdrawn by staff before anyone booked it. */
    cancelledAt: at('cancelled_at'),
  },
  (t) => [index('appointment_slots_starts_idx').on(t.startsAt)],
);

/** A booking of a slot for a case. A slot holds one live booking; a case one upcoming appointment. */
export const appointments = pgTable(
  'appointments',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    slotId: uuid('slot_id')
      .notNull()
      .references(() => appointmentSlots.id, { onDelete: 'restrict' }),
    /** booked, then attended or no_show; or cancelled, or moved (to another booking). */
    status: text('status').notNull(),
    /** Who ended or changed it: `migrant`, or a staff actor id. */
    changedBy: text('changed_by'),
    createdAt: at('created_at').notNull(),
    updatedAt: at('updated_at').notNull(),
  },
  (t) => [
    // Two people booking the same time at once: one insert wins, the other is told it is taken.
    uniqueIndex('appointments_slot_live_uq').on(t.slotId).where(sql`${t.status} in ('booked', 'attended', 'no_show')`),
    uniqueIndex('appointments_case_booked_uq').on(t.caseId).where(sql`${t.status} = 'booked'`),
    index('appointments_case_idx').on(t.caseId),
  ],
);

/**
 * The documents checklist of a case, kept by the counsellor: which documents are needed and which
 * are ready. Only categories: the bot never takes a photo or scan of a document.
 */
export const caseDocuments = pgTable(
  'case_documents',
  {
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    /** One of the catalog's items (src/conversation/documents.ts). */
    item: text('item').notNull(),
    /** needed or ready. */
    status: text('status').notNull(),
    updatedBy: text('updated_by').notNull(),
    updatedAt: at('updated_at').notNull(),
  },
  (t) => [primaryKey({ name: 'case_documents_pk', columns: [t.caseId, t.item] })],
);

/**
 * The travel of a case, entered by the counsellor once it is booked: when and where (local time of
 * the departure's zone), what to bring (catalog items), the escort; the person's answer to it.
 */
export const travelPlans = pgTable('travel_plans', {
  caseId: uuid('case_id')
    .primaryKey()
    .references(() => cases.id, { onDelete: 'cascade' }),
  departsAt: at('departs_at').notNull(),
  /** Where the time is read: the person is told the wall-clock time there. */
  timeZone: text('time_zone').notNull(),
  /** Meeting point and escort's name, as encrypted JSON (staff type them; they may name people). */
  detailsEnc: text('details_enc').notNull(),
  /** Catalog items to bring (src/conversation/travel.ts). */
  bring: text('bring').array().notNull().default(sql`'{}'::text[]`),
  /** The person said "I will be there" (for this version of the plan). */
  confirmedAt: at('confirmed_at'),
  /** The person reported a problem: its kind (catalog) and when. */
  problem: text('problem'),
  problemAt: at('problem_at'),
  enteredBy: text('entered_by').notNull(),
  createdAt: at('created_at').notNull(),
  updatedAt: at('updated_at').notNull(),
});

/**
 * Follow-up after return, with its own consent (asked before departure): check-ins after 1, 3, 6
 * and 12 months. Stopped by the person at any time, or after two check-ins in a row go unanswered.
 */
export const followups = pgTable('followups', {
  caseId: uuid('case_id')
    .primaryKey()
    .references(() => cases.id, { onDelete: 'cascade' }),
  /** waiting (consented, not departed yet), active, declined, stopped, stopped_unanswered, completed. */
  status: text('status').notNull(),
  consentAt: at('consent_at').notNull(),
  /** When the months are counted from (the departure). */
  departedAt: at('departed_at'),
  /** Check-ins in a row that got no answer. */
  misses: integer('misses').notNull().default(0),
  updatedAt: at('updated_at').notNull(),
});

/** One check-in: its answers are categories (a problem or not, skipped), never free text. */
export const followupCheckins = pgTable(
  'followup_checkins',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    month: integer('month').notNull(),
    /** open, answered, unanswered, cancelled. */
    status: text('status').notNull(),
    openedAt: at('opened_at').notNull(),
    closesAt: at('closes_at').notNull(),
    answeredAt: at('answered_at'),
    answers: jsonb('answers').$type<Record<string, string>>().notNull().default({}),
    urgent: boolean('urgent').notNull().default(false),
    updatedAt: at('updated_at').notNull(),
  },
  (t) => [uniqueIndex('followup_checkins_case_month_uq').on(t.caseId, t.month), index('followup_checkins_month_idx').on(t.month)],
);

export type ContactRow = typeof contacts.$inferSelect;
export type SessionRow = typeof sessions.$inferSelect;
export type CaseRow = typeof cases.$inferSelect;
export type CaseEventRow = typeof caseEvents.$inferSelect;
export type TranscriptRow = typeof transcriptMessages.$inferSelect;
export type OutboxRow = typeof outbox.$inferSelect;
export type UserRow = typeof users.$inferSelect;
export type AuditRow = typeof auditLog.$inferSelect;
export type ServiceRow = typeof servicesDirectory.$inferSelect;
export type ScheduledJobRow = typeof scheduledJobs.$inferSelect;
export type OfficeRow = typeof offices.$inferSelect;
export type SlotRow = typeof appointmentSlots.$inferSelect;
export type AppointmentRow = typeof appointments.$inferSelect;
export type CaseDocumentRow = typeof caseDocuments.$inferSelect;
export type TravelPlanRow = typeof travelPlans.$inferSelect;
export type FollowupRow = typeof followups.$inferSelect;
export type CheckinRow = typeof followupCheckins.$inferSelect;

/**
 * The one shape every channel has, the way grammY gives every web framework one request/response
 * shape. An adapter declares what its channel can do, follows the domain events it shows, delivers
 * its own outbox items, and, once the core is built, mounts its routes. `src/app.ts` folds the
 * enabled adapters in a loop: adding a channel is a folder and a line in `src/channels/index.ts`.
 */
import type { Hono } from 'hono';
import type { AfterStores } from '../conversation/after-ports.js';
import type { AppointmentWorkflow } from '../conversation/appointment-workflow.js';
import type { CaseWorkflow } from '../conversation/case-workflow.js';
import type { Subscriptions } from '../conversation/events.js';
import type { RateLimiter } from '../conversation/rate-limits.js';
import type { Deliverer } from '../conversation/outbox-worker.js';
import type { CaseStore, ChannelCapabilities, ConversationStore, HealthCheck, OutboxStore, StaffDirectory } from '../conversation/ports.js';
import type { ConversationService } from '../conversation/types.js';
import type { Db } from '../db/index.js';
import type { Env } from '../env.js';
import type { Content } from '../flow/content.js';
import type { Translator } from '../i18n/translator.js';
import type { Logger } from '../log.js';

/** What a channel can do (see the core's ChannelCapabilities). */
export type Capabilities = ChannelCapabilities;

/** What an adapter is built from: configuration and the stores, before the core exists. */
export interface AdapterContext {
  env: Env;
  content: Content;
  translator: Translator;
  cases: CaseStore;
  conversations: ConversationStore;
  outbox: OutboxStore;
  health: HealthCheck;
  /** For a channel's own tables (src/channels/<name>/store/). */
  db: Db;
  /** Flood limits counted in the database (src/conversation/rate-limits.ts). */
  limiter: RateLimiter;
  /** What is arranged for cases (appointments, travel): what a counsellors' tool shows of them. */
  after: AfterStores;
  /** The only clock. */
  clock: () => Date;
  log: Logger;
}

/** The core, as channels call it once it is built. */
export interface ChannelCore {
  service: ConversationService;
  workflow: CaseWorkflow;
  /** Times counsellors publish (a chat tool's `slots` command). */
  appointments: AppointmentWorkflow;
  /** Delivers what is due now (the outbox worker: what is under way, then a poll), for at most `budgetMs`. */
  flush(budgetMs?: number): Promise<unknown>;
  /** Waits, for at most `budgetMs`, for the deliveries of what has committed so far (no poll). */
  settle(budgetMs?: number): Promise<void>;
  /** Staff as a tool knows them: the tool's user linked to a dashboard user; null when not staff. */
  staff: StaffDirectory;
  /** A dashboard sign-in link for a staff member (a chat tool's `login` command); null when unknown. */
  loginLink(who: { email: string } | { toolUserId: string; tool: string }, issuedBy: string): Promise<string | null>;
}

/** What a channel adds to the running service once the core exists. */
export interface Mounted {
  /** Mounted at the app's root. */
  routes?: Hono;
  /** Start-up work (registering a webhook, a command menu). */
  setup?(): Promise<void>;
  /** Work after the last requests that is still running (tests and shutdown wait for it). */
  idle?(): Promise<void>;
  /** The channel's own retention (its tables' old rows), run with the service's. */
  sweep?(at: Date): Promise<void>;
  /** Background work of the channel's own (long polling), started by the Node entry. */
  start?(): Promise<{ stop(): Promise<void> }>;
}

export interface ChannelAdapter {
  /** The channel's name: the contacts it owns carry it, its outbox kinds start with it. */
  readonly name: string;
  readonly capabilities: Capabilities;
  /** The domain events this channel follows: each becomes outbox items in the causing transaction. */
  readonly subscriptions: Subscriptions;
  /** Deliverers of this channel's outbox items, by kind. */
  readonly deliverers: Readonly<Record<string, Deliverer>>;
  mount(core: ChannelCore): Mounted;
}

/** An adapter factory: null when the channel is off (its configuration is missing). */
export type AdapterFactory = (ctx: AdapterContext) => ChannelAdapter | null;

/** The storage ports, built on one open database and the data cipher. */
import { sql } from 'drizzle-orm';
import type { CaseStore, ConversationStore, HealthCheck, OutboxStore, RateLimitStore, RetentionStore } from '../conversation/ports.js';
import { createRateLimitStore } from './rate-limit-store.js';
import type { AfterStores } from '../conversation/after-ports.js';
import { createAfterStores } from './after-stores.js';
import { createCaseStore } from './case-store.js';
import type { Database, Db } from './client.js';
import { createConversationStore } from './conversation-store.js';
import { createDashboardStores } from './dashboard-stores.js';
import type { DashboardStores } from '../dashboard/ports.js';
import type { Cipher } from './crypto.js';
import { createOutboxClaims } from './outbox-claims.js';
import { createOutboxStore, DEFAULT_LEASE_MS, type OutboxOptions } from './outbox-store.js';
import { createRetentionStore } from './retention-store.js';

export interface Stores {
  conversations: ConversationStore;
  outbox: OutboxStore;
  /** Case management outside a migrant's turn (Slack, the dashboard). */
  cases: CaseStore;
  health: HealthCheck;
  /** Deletes abandoned conversations and old dedupe ids (the retention promised in the notice). */
  retention: RetentionStore;
  /** The coordinator dashboard's queries, sign-in and audit log. */
  dashboard: DashboardStores;
  /** After the application: scheduled jobs, appointments, documents, travel, follow-up. */
  after: AfterStores;
  /** The database itself, for the tables channels own (src/channels/<name>/store/). */
  db: Db;
  /** Counters behind the flood limits. */
  rateLimits: RateLimitStore;
}

export interface StoreOptions {
  /** The only clock: stamps what a transaction writes. */
  clock: () => Date;
  outbox?: OutboxOptions;
}

/** Implements the conversation ports on `database`; personal data goes through `cipher`. */
export function createStores(database: Database, cipher: Cipher, options: StoreOptions): Stores {
  const { db } = database;
  const claims = createOutboxClaims(options.outbox?.leaseMs ?? DEFAULT_LEASE_MS);
  return {
    conversations: createConversationStore(db, cipher, options.clock, claims),
    outbox: createOutboxStore(db, cipher, claims),
    dashboard: createDashboardStores(db, cipher),
    cases: createCaseStore(db, cipher),
    retention: createRetentionStore(db),
    after: createAfterStores(db, cipher),
    db,
    rateLimits: createRateLimitStore(db),
    health: {
      async ping() {
        await db.execute(sql`select 1`);
      },
    },
  };
}

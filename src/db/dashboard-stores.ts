/** The dashboard's ports on one open database; personal data goes through `cipher`. */
import type { DashboardStores } from '../dashboard/ports.js';
import { createAuditStore } from './audit-store.js';
import { createAuthStore } from './auth-store.js';
import { createCasePageQueries } from './case-page-queries.js';
import type { Db } from './client.js';
import type { Cipher } from './crypto.js';
import { createListsStore } from './lists-store.js';
import { createQueueQueries } from './queue-queries.js';
import { createStatsQueries } from './stats-queries.js';

export function createDashboardStores(db: Db, cipher: Cipher): DashboardStores {
  return {
    auth: createAuthStore(db),
    audit: createAuditStore(db),
    queue: createQueueQueries(db),
    cases: createCasePageQueries(db, cipher),
    stats: createStatsQueries(db, cipher),
    lists: createListsStore(db),
  };
}

/** Storage: the drizzle schema, the client factory (PGlite | PostgreSQL), migrations and stores. */
export { openDatabase, fromPglite, type Database, type Db, type Driver, type OpenDatabaseOptions, type Schema } from './client.js';
export { migrateDatabase, type MigrateOptions } from './migrate.js';
export { createStores, type StoreOptions, type Stores } from './store.js';
export type { OutboxOptions } from './outbox-store.js';
export { createDashboardStores } from './dashboard-stores.js';
export { createCaseStore } from './case-store.js';
export { groupWrites } from './group-writes.js';
export { createCipher, datedKeyId, generateKey, parseKeyRing, type Cipher, type KeyRing, type KeyRingEntry } from './crypto.js';
export * as schema from './schema.js';
export type { CaseEventRow, CaseRow, ContactRow, OutboxRow, SessionRow, TranscriptRow } from './schema.js';

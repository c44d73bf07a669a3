/** Applies the database migrations (DATABASE_URL, else the PGlite directory) and exits. */
import { migrateDatabase, openDatabase } from '../db/index.js';
import { parseEnv } from '../env.js';

const env = parseEnv(process.env);
const database = await openDatabase(env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : { pgliteDir: env.PGLITE_DIR });
try {
  await migrateDatabase(database);
  console.log(`migrations applied (${database.driver})`);
} finally {
  await database.close();
}

/**
 * `npm run migrate`: applies the database migrations (DATABASE_URL, else the PGlite directory) and
 * says which one the database is at. `-- --check` changes nothing and exits 1 when the database is
 * behind `drizzle/`: the check a Workers deploy makes first, since the worker cannot migrate (it
 * answers 503 until this has run).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { checkSchema, readJournal } from '../workers/schema-version.js';
import { openServiceDatabase } from '../node/open-database.js';
import { parseEnv } from '../env.js';

const checkOnly = process.argv.slice(2).includes('--check');
const journalPath = fileURLToPath(new URL('../../drizzle/meta/_journal.json', import.meta.url));
const migrations = readJournal(JSON.parse(readFileSync(journalPath, 'utf8')));
const env = parseEnv(process.env);
const database = await openServiceDatabase(env, { migrate: !checkOnly, warn: (m) => console.warn(m) });
try {
  const status = await checkSchema(database.db, migrations);
  if (status.ok) {
    console.log(`${checkOnly ? 'schema is current' : 'migrations applied'}: ${migrations.at(-1)?.tag} (${database.driver})`);
  } else {
    console.error(`schema is behind: it needs ${status.expected} and has ${status.applied ?? 'no migrations'} (${database.driver}); run \`npm run migrate\``);
    process.exitCode = 1;
  }
} finally {
  await database.close();
}

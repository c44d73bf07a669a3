/**
 * The Workers bindings as configuration: `[vars]` and secrets are strings and go through the same
 * `parseEnv` as `process.env` on Node; the Hyperdrive binding, when there is one, gives the database
 * URL (its pooled connection string wins over DATABASE_URL, which stays the fallback for a worker
 * that reaches PostgreSQL directly).
 */
import { z } from 'zod';
import { ConfigError, parseEnv, type Env } from '../env.js';

/** The binding name in wrangler.toml (`[[hyperdrive]] binding = "HYPERDRIVE"`). */
export const HYPERDRIVE_BINDING = 'HYPERDRIVE';

const hyperdriveSchema = z.object({ connectionString: z.string().min(1) });

export interface WorkerConfig {
  env: Env & { DATABASE_URL: string; DATA_ENCRYPTION_KEY: string };
  /** Where the database URL came from, for the log (never the URL itself: it holds a password). */
  database: 'hyperdrive' | 'DATABASE_URL';
}

export function configFromBindings(bindings: Readonly<Record<string, unknown>>): WorkerConfig {
  const strings: Record<string, string> = {};
  for (const [name, value] of Object.entries(bindings)) if (typeof value === 'string') strings[name] = value;
  const hyperdrive = bindings[HYPERDRIVE_BINDING] === undefined ? null : hyperdriveSchema.safeParse(bindings[HYPERDRIVE_BINDING]);
  if (hyperdrive && !hyperdrive.success) throw new ConfigError(`the ${HYPERDRIVE_BINDING} binding is not a Hyperdrive binding (no connectionString)`);
  if (hyperdrive) strings['DATABASE_URL'] = hyperdrive.data.connectionString;
  const env = parseEnv(strings);
  const { DATABASE_URL, DATA_ENCRYPTION_KEY } = env;
  if (!DATABASE_URL) {
    throw new ConfigError(`no database: bind Hyperdrive as ${HYPERDRIVE_BINDING} or set the DATABASE_URL secret (there is no embedded database on Workers)`);
  }
  if (!DATA_ENCRYPTION_KEY) throw new ConfigError('DATA_ENCRYPTION_KEY is required on Workers (wrangler secret put DATA_ENCRYPTION_KEY)');
  return { env: { ...env, DATABASE_URL, DATA_ENCRYPTION_KEY }, database: hyperdrive ? 'hyperdrive' : 'DATABASE_URL' };
}

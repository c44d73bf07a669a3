/**
 * `npm run user:add -- --email ana@example.org --role coordinator`: creates the user (or changes the
 * role of an existing one) and prints a one-time sign-in link built from PUBLIC_URL.
 *
 * An embedded (PGlite) database can only be open in one process, so when the service is running
 * this asks it, on loopback, with the secret it wrote into the data directory; only when nothing
 * answers does it open the database itself. With PostgreSQL either way works.
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { createAuditStore } from '../db/audit-store.js';
import { createAuthStore } from '../db/auth-store.js';
import { addUser } from '../dashboard/links.js';
import { CLI_USERS_PATH } from '../dashboard/routes/cli.js';
import { roles } from '../dashboard/ports.js';
import { ConfigError, parseEnv, type Env } from '../env.js';
import { readCliSecret } from '../node/cli-secret.js';
import { openServiceDatabase } from '../node/open-database.js';

const USAGE = `usage: npm run user:add -- --email <email> --role <${roles.join('|')}>`;

const argsSchema = z.object({ email: z.email().transform((e) => e.toLowerCase()), role: z.enum(roles) });
const replySchema = z.object({ email: z.string(), role: z.enum(roles), created: z.boolean(), link: z.string() });
type Added = z.infer<typeof replySchema>;

class ServiceRefused extends Error {}

/** The address the running service listens on, as seen from this machine. */
function loopbackUrl(env: Env): string {
  const host = env.HOST === '0.0.0.0' || env.HOST === '' ? '127.0.0.1' : env.HOST === '::' ? '[::1]' : env.HOST.includes(':') ? `[${env.HOST}]` : env.HOST;
  return `http://${host}:${env.PORT}${CLI_USERS_PATH}`;
}

/** Through the running service; null when no service answers. */
async function viaService(env: Env, input: z.infer<typeof argsSchema>): Promise<Added | null> {
  const secret = await readCliSecret(env);
  if (!secret) return null;
  let response: Response;
  try {
    response = await fetch(loopbackUrl(env), {
      method: 'POST',
      headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
      body: JSON.stringify(input),
      signal: AbortSignal.timeout(10_000),
    });
  } catch {
    return null; // nothing listening: the service is not running
  }
  if (!response.ok) throw new ServiceRefused(`the service at ${loopbackUrl(env)} answered ${response.status}: ${await response.text()}`);
  return replySchema.parse(await response.json());
}

/** Straight into the database, when no service holds it. */
async function direct(env: Env, input: z.infer<typeof argsSchema>): Promise<Added> {
  const database = await openServiceDatabase(env, { poolMax: 2, warn: (m) => console.warn(m) });
  try {
    // Users, links and the audit log hold no encrypted data: no key is needed here.
    const added = await addUser({ env, auth: createAuthStore(database.db), audit: createAuditStore(database.db), now: () => new Date() }, input, 'cli');
    return { email: added.user.email, role: added.user.role, created: added.created, link: added.link };
  } finally {
    await database.close();
  }
}

async function main(): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ options: { email: { type: 'string' }, role: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, strict: true }));
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const args = argsSchema.safeParse({ email: values.email, role: values.role });
  if (!args.success) {
    console.error(`${args.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('\n')}\n${USAGE}`);
    return 2;
  }
  const env = parseEnv(process.env);
  let added: Added | null;
  let how: string;
  try {
    added = await viaService(env, args.data);
    how = 'through the running service';
  } catch (error) {
    // With PostgreSQL the database can be used directly even beside a service that refused us.
    if (!(error instanceof ServiceRefused) || !env.DATABASE_URL) throw error;
    added = null;
    how = '';
  }
  if (!added) {
    added = await direct(env, args.data);
    how = `directly in the database (${env.DATABASE_URL ? 'PostgreSQL' : env.PGLITE_DIR})`;
  }
  console.log(`${added.created ? 'created' : 'found'} ${added.email} (${added.role}), ${how}`);
  if (!env.PUBLIC_URL) console.log('PUBLIC_URL is not set: the link points at localhost');
  console.log(`one-time sign-in link, valid ${env.LOGIN_LINK_MINUTES} minutes:\n${added.link}`);
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof ConfigError || error instanceof ServiceRefused ? error.message : error);
    process.exitCode = 1;
  },
);

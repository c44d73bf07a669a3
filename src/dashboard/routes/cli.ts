/**
 * `npm run user:add` while the service runs: the CLI cannot open an embedded database the service
 * holds, so it asks the service, on loopback, proving itself with the secret the service wrote into
 * its data directory at start (readable only by the account that runs it).
 */
import type { Hono } from 'hono';
import { z } from 'zod';
import type { Core } from '../core.js';
import { href } from '../paths.js';
import { roles } from '../ports.js';
import { sameSecret, sha256Hex } from '../security.js';
import type { DashEnv } from '../types.js';

export const CLI_USERS_PATH = href('/cli/users');

const bodySchema = z.object({ email: z.email().max(254).transform((e) => e.toLowerCase()), role: z.enum(roles) }).strict();

/** `secretHash()` is the hex SHA-256 of the secret, or null while no secret is set (then: 404). */
export function registerCli(app: Hono<DashEnv>, core: Core, secretHash: () => string | null): void {
  app.post('/cli/users', async (c) => {
    const expected = secretHash();
    if (expected === null) return c.json({ error: { code: 'not_found', message: 'no such route' } }, 404);
    const header = c.req.header('authorization') ?? '';
    const given = header.startsWith('Bearer ') ? header.slice(7) : '';
    if (!given || !sameSecret(await sha256Hex(given), expected)) {
      return c.json({ error: { code: 'unauthorized', message: 'wrong or missing secret' } }, 401);
    }
    let json: unknown;
    try {
      json = await c.req.json();
    } catch {
      return c.json({ error: { code: 'bad_json', message: 'the body is not valid JSON' } }, 400);
    }
    const parsed = bodySchema.safeParse(json);
    if (!parsed.success) return c.json({ error: { code: 'bad_request', message: parsed.error.issues.map((i) => i.message).join('; ') } }, 400);
    const added = await core.addUser(parsed.data, { actor: 'cli' });
    return c.json({ email: added.user.email, role: added.user.role, created: added.created, link: added.link });
  });
}

/**
 * Node only: where the first admin's one-time link goes while no admin exists (security review L1).
 * Not the structured log, which log pipelines show to more people than the dashboard: a file beside
 * the database that only the service's account can read (0600), and the terminal when the service
 * runs in one.
 */
import { chmod, mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { FirstAdminOutlet } from '../dashboard/index.js';
import type { Env } from '../env.js';

export function firstAdminLinkFile(env: Pick<Env, 'PGLITE_DIR'>): string {
  return join(dirname(env.PGLITE_DIR), 'first-admin-link.txt');
}

/** `stdout`: the link is printed there only when it is a TTY (a person watching, not a log collector). */
export function firstAdminLinkOutlet(env: Pick<Env, 'PGLITE_DIR'>, stdout: { isTTY?: boolean; write(text: string): unknown } = process.stdout): FirstAdminOutlet {
  const file = firstAdminLinkFile(env);
  return {
    async deliver(link, expiresAt) {
      let failure: unknown = null;
      try {
        await mkdir(dirname(file), { recursive: true, mode: 0o700 });
        // A fresh file, created exclusively: an old file or a link planted in its place is not
        // written through, and the mode applies from the first byte.
        await rm(file, { force: true });
        await writeFile(file, `# One-time link: whoever opens it before ${expiresAt.toISOString()} becomes the first admin.\n${link}\n`, { mode: 0o600, flag: 'wx' });
        await chmod(file, 0o600);
      } catch (error) {
        failure = error;
      }
      const terminal = stdout.isTTY === true;
      if (terminal) stdout.write(`\nNo admin yet. Open this one-time link before ${expiresAt.toISOString()} to become the first admin:\n\n  ${link}\n\n`);
      if (failure !== null && !terminal) throw failure;
      return { file: failure === null ? file : null, terminal };
    },
    async clear() {
      await rm(file, { force: true });
    },
  };
}

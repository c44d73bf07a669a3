/**
 * Where the workplace's shared folder is (the Telegram and Slack API specs the fakes check every
 * call against): `SHARED_DIR`, else `../shared` beside the repository, else `/work/shared` (for a
 * clone made elsewhere, such as a CI scratch directory).
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

const repo = resolve(import.meta.dirname, '..', '..');

export function sharedPath(...parts: string[]): string {
  const candidates = [process.env['SHARED_DIR'], join(repo, '..', 'shared'), '/work/shared'].filter((c): c is string => !!c);
  for (const dir of candidates) {
    const path = join(dir, ...parts);
    if (existsSync(path)) return path;
  }
  throw new Error(`${join('shared', ...parts)} not found in ${candidates.join(', ')}: set SHARED_DIR to the shared folder`);
}

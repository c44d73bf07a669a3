/**
 * The embedded database and its key are readable by the service's own user only. Files the process
 * creates get no permission for others (umask 077, set at start). A data directory others could
 * enter (one made by an older version) is made private, with a warning; a key file others can read
 * is refused with the command that fixes it, since the key may have been copied.
 */
import { chmod, lstat, mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { ConfigError } from '../env.js';

/** From now on, files and directories this process creates are private to its user. */
export function privateByDefault(): void {
  process.umask(0o077);
}

async function modeOf(path: string): Promise<number | null> {
  try {
    return (await lstat(path)).mode & 0o777;
  } catch {
    return null;
  }
}

/** Refuses a path others may read or write. */
export async function refuseIfShared(path: string, what: string): Promise<void> {
  const mode = await modeOf(path);
  if (mode !== null && (mode & 0o077) !== 0) {
    throw new ConfigError(`${what} ${path} can be read by other users of this machine (mode ${mode.toString(8)}): run  chmod -R go-rwx ${path}  and start again`);
  }
}

/**
 * Creates the data directory private (0700), or makes an existing one so (saying so). Others cannot
 * enter a 0700 directory, whatever the modes of the files inside.
 */
export async function privateDataDir(dir: string, warn: (message: string) => void = () => {}): Promise<void> {
  const mode = await modeOf(dir);
  if (mode !== null && (mode & 0o077) !== 0) {
    warn(`the data directory ${dir} could be entered by other users of this machine (mode ${mode.toString(8)}); it is now private (700)`);
  }
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await chmod(dir, 0o700);
}

/**
 * Tightens every file inside to the owner (0600/0700): the embedded database writes its files as
 * 0666 whatever the umask, so this runs once it has started (and migrated).
 */
export async function tightenInside(dir: string): Promise<void> {
  const walk = async (path: string): Promise<void> => {
    for (const entry of await readdir(path, { withFileTypes: true })) {
      const child = join(path, entry.name);
      if (entry.isSymbolicLink()) continue;
      await chmod(child, entry.isDirectory() ? 0o700 : 0o600);
      if (entry.isDirectory()) await walk(child);
    }
  };
  await walk(dir);
}

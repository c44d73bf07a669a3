/** The Node outlet of the first admin's link: a 0600 file beside the database, the terminal only when it is one. */
import { lstat, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { firstAdminLinkOutlet } from '../../src/node/first-admin-link.js';

const LINK = 'https://avrr.example.org/admin/login/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
const UNTIL = new Date('2026-11-23T10:15:00Z');
const dirs: string[] = [];
const tempDir = async () => {
  const dir = await mkdtemp(join(tmpdir(), 'avrr-first-admin-'));
  dirs.push(dir);
  return dir;
};
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

describe('the first admin link outlet', () => {
  it('writes the link to a file only its owner reads, and prints it only on a terminal', async () => {
    const dir = await tempDir();
    const printed: string[] = [];
    const pipe = firstAdminLinkOutlet({ PGLITE_DIR: join(dir, 'pglite') }, { isTTY: false, write: (text) => printed.push(text) });
    const file = join(dir, 'first-admin-link.txt');
    expect(await pipe.deliver(LINK, UNTIL)).toEqual({ file, terminal: false });
    expect((await lstat(file)).mode & 0o777).toBe(0o600);
    expect(await readFile(file, 'utf8')).toContain(`\n${LINK}\n`);
    expect(printed).toEqual([]);

    const terminal = firstAdminLinkOutlet({ PGLITE_DIR: join(dir, 'pglite') }, { isTTY: true, write: (text) => printed.push(text) });
    expect(await terminal.deliver(LINK, UNTIL)).toEqual({ file, terminal: true });
    expect(printed.join('')).toContain(LINK);

    await terminal.clear();
    await expect(lstat(file)).rejects.toThrow();
    await terminal.clear();
  });

  it('replaces whatever stands at the path instead of writing through it', async () => {
    const dir = await tempDir();
    const elsewhere = join(dir, 'elsewhere.txt');
    await writeFile(elsewhere, 'untouched\n', { mode: 0o644 });
    await symlink(elsewhere, join(dir, 'first-admin-link.txt'));
    const { file } = await firstAdminLinkOutlet({ PGLITE_DIR: join(dir, 'pglite') }, { isTTY: false, write: () => undefined }).deliver(LINK, UNTIL);
    expect(file).toBe(join(dir, 'first-admin-link.txt'));
    expect((await lstat(file ?? '')).isSymbolicLink()).toBe(false);
    expect(await readFile(elsewhere, 'utf8')).toBe('untouched\n');
    expect((await lstat(file ?? '')).mode & 0o777).toBe(0o600);
  });

  it('prints the link when no file can be written on a terminal, and fails without one', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'not-a-directory'), '');
    const env = { PGLITE_DIR: join(dir, 'not-a-directory', 'pglite') };
    const printed: string[] = [];
    expect(await firstAdminLinkOutlet(env, { isTTY: true, write: (text) => printed.push(text) }).deliver(LINK, UNTIL)).toEqual({ file: null, terminal: true });
    expect(printed.join('')).toContain(LINK);
    await expect(firstAdminLinkOutlet(env, { isTTY: false, write: () => undefined }).deliver(LINK, UNTIL)).rejects.toThrow();
  });
});

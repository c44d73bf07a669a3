/**
 * `npm run user:add` for real: against an embedded database with no service running (it opens the
 * database itself), then while the service holds that database (it goes through the service on
 * loopback). Also: the service's first start, with no admin, puts a one-time link in a 0600 file.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { root } from '../support/app.js';

const tsx = join(root, 'node_modules', '.bin', 'tsx');

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function run(script: string, args: string[], env: Record<string, string>): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(tsx, [script, ...args], { cwd: root, env });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('close', (code) => resolve({ code, out, err }));
  });
}

const linkIn = (text: string): string => /(https?:\/\/\S+\/admin\/login\/[A-Za-z0-9_-]+)/.exec(text)?.[1] ?? '';

describe('npm run user:add', () => {
  let dir = '';
  let server: ChildProcess | undefined;
  afterAll(async () => {
    if (server && server.exitCode === null) {
      server.kill('SIGTERM');
      await new Promise((resolve) => server?.once('exit', resolve));
    }
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('works with no service running and while the service holds the embedded database', async () => {
    dir = await mkdtemp(join(tmpdir(), 'avrr-user-add-'));
    const port = await freePort();
    const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? dir, PGLITE_DIR: join(dir, 'pglite'), PORT: String(port), HOST: '127.0.0.1', PUBLIC_URL: 'https://avrr.example.org', LOG_LEVEL: 'info' };

    const bad = await run('src/cli/user-add.ts', ['--email', 'nobody', '--role', 'boss'], env);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('usage: npm run user:add');

    const offline = await run('src/cli/user-add.ts', ['--email', 'Counsellor@Example.org', '--role', 'counsellor'], env);
    expect(offline.err).toBe('');
    expect(offline.code).toBe(0);
    expect(offline.out).toContain('created counsellor@example.org (counsellor), directly in the database');
    expect(linkIn(offline.out)).toMatch(/^https:\/\/avrr\.example\.org\/admin\/login\//);

    server = spawn(tsx, ['src/node/server.ts'], { cwd: root, env });
    let log = '';
    server.stdout?.on('data', (d: Buffer) => (log += d.toString()));
    server.stderr?.on('data', (d: Buffer) => (log += d.toString()));
    for (let i = 0; i < 300 && !log.includes('listening on'); i++) await new Promise((r) => setTimeout(r, 100));
    expect(log).toContain('listening on');
    // No admin yet: the first admin's one-time link is in a file only this account reads, and the
    // log says where, without the link (standard output is not a terminal here: not printed either).
    const file = join(dir, 'first-admin-link.txt');
    expect(log.split('\n').find((l) => l.includes('first admin'))).toContain(file);
    expect(linkIn(log)).toBe('');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const firstAdmin = linkIn(await readFile(file, 'utf8'));
    expect(firstAdmin).toMatch(/^https:\/\/avrr\.example\.org\/admin\/login\//);

    const online = await run('src/cli/user-add.ts', ['--email', 'coord@example.org', '--role', 'coordinator'], env);
    expect(online.err).toBe('');
    expect(online.out).toContain('created coord@example.org (coordinator), through the running service');
    const link = linkIn(online.out);
    const local = `http://127.0.0.1:${port}${new URL(link).pathname}`;
    const page = await fetch(local);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('coord@example.org');
    // The first admin's link works too.
    expect((await fetch(`http://127.0.0.1:${port}${new URL(firstAdmin).pathname}`)).status).toBe(200);
  }, 120_000);
});

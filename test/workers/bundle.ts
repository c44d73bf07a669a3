/**
 * The worker bundle exactly as `wrangler deploy` would upload it: `wrangler deploy --dry-run
 * --outdir`, offline (no banner, so no update check; no metrics).
 */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { root } from '../support/app.js';

const run = promisify(execFile);

export interface Bundle {
  dir: string;
  /** The module wrangler wrote (`worker-entry.js`). */
  script: string;
  bytes: number;
  gzipBytes: number;
}

/** Our target for the gzipped bundle (issue 14): short cold starts, and room under every plan's limit. */
export const GZIP_LIMIT_BYTES = 1024 * 1024;

export async function buildBundle(outdir = join(root, 'test', '.artifacts', 'worker')): Promise<Bundle> {
  await run(join(root, 'node_modules', '.bin', 'wrangler'), ['deploy', '--dry-run', '--outdir', outdir], {
    cwd: root,
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false', WRANGLER_HIDE_BANNER: 'true', NO_COLOR: '1' },
    maxBuffer: 16 * 1024 * 1024,
  });
  const script = join(outdir, 'worker-entry.js');
  const code = await readFile(script);
  return { dir: outdir, script, bytes: code.length, gzipBytes: gzipSync(code).length };
}

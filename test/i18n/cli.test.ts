/** npm run i18n:export / i18n:import and the review columns of check:flows, run as a translator would, in a copy of the repository. */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const repo = resolve(import.meta.dirname, '../..');
const tsx = import.meta.resolve('tsx');

function run(cli: string, cwd: string, ...args: string[]): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, ['--import', tsx, join(repo, 'src/cli', cli), ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** A copy of flows/ and locales/ (review records included). */
function copy(): string {
  const root = mkdtempSync(join(tmpdir(), 'i18n-'));
  cpSync(join(repo, 'flows'), join(root, 'flows'), { recursive: true });
  cpSync(join(repo, 'locales'), join(root, 'locales'), { recursive: true });
  return root;
}

/** Every file under locales/, path -> text. */
function snapshot(root: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of readdirSync(join(root, 'locales'), { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) files[join(entry.parentPath, entry.name)] = readFileSync(join(entry.parentPath, entry.name), 'utf8');
  }
  return files;
}

describe('i18n:export and i18n:import', { timeout: 60_000 }, () => {
  it('exports a language and imports it back unchanged without changing a file', () => {
    const root = copy();
    const before = snapshot(root);
    const exported = run('i18n-export.ts', root, '--lang', 'ps');
    expect(exported).toMatchObject({ code: 0, out: 'wrote xliff/ps.xlf\n' });
    expect(readFileSync(join(root, 'xliff/ps.xlf'), 'utf8')).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="ps">/);
    const imported = run('i18n-import.ts', root, 'xliff/ps.xlf');
    expect(imported).toMatchObject({ code: 0, out: 'ps: 0 texts changed, 0 newly reviewed, 0 back to draft\n' });
    expect(snapshot(root)).toEqual(before);
  });

  it('refuses a changed placeholder, naming the key, and writes nothing', () => {
    const root = copy();
    run('i18n-export.ts', root, '--lang', 'ps', '--out', 'ps.xlf');
    const file = join(root, 'ps.xlf');
    const xliff = readFileSync(file, 'utf8');
    const unit = xliff.indexOf('<unit id="status:current">');
    const target = xliff.indexOf('<target>', unit);
    const end = xliff.indexOf('</target>', target);
    writeFileSync(file, xliff.slice(0, target) + xliff.slice(target, end).replace(/<ph [^>]*disp="\{\{case_reference\}\}"\/>/, '{{reference}}') + xliff.slice(end));
    const before = snapshot(root);
    const result = run('i18n-import.ts', root, 'ps.xlf');
    expect(result.code).toBe(1);
    expect(result.err).toBe(
      'i18n:import: ps.xlf refused, nothing was written:\n  status:current: lacks {{case_reference}}; has {{reference}} not in en (locales/ps/status.json)\n',
    );
    expect(snapshot(root)).toEqual(before);
  });

  it('records a reviewed string, and check:flows counts it', () => {
    const root = copy();
    run('i18n-export.ts', root, '--lang', 'sq', '--out', 'sq.xlf');
    const file = join(root, 'sq.xlf');
    const xliff = readFileSync(file, 'utf8');
    const at = xliff.indexOf('<unit id="menu:about">');
    writeFileSync(file, xliff.slice(0, at) + xliff.slice(at).replace('<segment state="translated">', '<segment state="reviewed">'));
    expect(run('i18n-import.ts', root, 'sq.xlf', '--dry-run')).toMatchObject({ code: 0, out: 'would write locales/sq/.review.json\nsq: 0 texts changed, 1 newly reviewed, 0 back to draft\n' });
    expect(run('i18n-import.ts', root, 'sq.xlf').code).toBe(0);
    const checked = run('check-flows.ts', root);
    expect(checked.out).toMatch(/^sq\s+Shqip\s+draft\s+\d+\/\d+\s+100%\s+1\s+0$/m);
    expect(checked.code).toBe(0);
  });

  it('check:flows refuses a language marked reviewed whose strings are not', () => {
    const root = copy();
    const path = join(root, 'locales/languages.json');
    writeFileSync(path, readFileSync(path, 'utf8').replace('"english": "Albanian",\n      "dir": "ltr",\n      "status": "draft"', '"english": "Albanian",\n      "dir": "ltr",\n      "status": "reviewed"'));
    const checked = run('check-flows.ts', root);
    expect(checked.out).toMatch(/^locales\/languages\.json: "sq" is marked reviewed, but \d+ of its \d+ strings are not \(locales\/sq\/\.review\.json\): mark it draft, or review them$/m);
    expect(checked.code).toBe(1);
  });

  it('says which language to export, and refuses an unknown one', () => {
    const root = copy();
    expect(run('i18n-export.ts', root)).toMatchObject({ code: 2, err: 'i18n:export: say which language: --lang ps (or --lang all)\n' });
    expect(run('i18n-export.ts', root, '--lang', 'it').code).toBe(2);
    expect(run('i18n-import.ts', root).code).toBe(2);
  });
});

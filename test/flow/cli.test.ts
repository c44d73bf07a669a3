/** The two command-line tools, run as CI runs them, in a temporary copy of a repository. */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DESTINATION_REASONS } from '../../src/screening/index.js';
import { fixture, texts, toSource, type Fixture } from './fixture.js';

const repo = resolve(import.meta.dirname, '../..');
// Resolved here: the temporary directories the tools run in have no node_modules.
const tsx = import.meta.resolve('tsx');

function run(cli: string, cwd: string, ...args: string[]): { code: number | null; out: string } {
  const r = spawnSync(process.execPath, ['--import', tsx, join(repo, 'src/cli', cli), ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, out: r.stdout + r.stderr };
}

const DATA_FILES = [
  'flows/rules/eligibility.yaml',
  'flows/rules/eu-eea.yaml',
  'flows/rules/host-countries.yaml',
  'flows/rules/destinations.yaml',
  'flows/directory/services.yaml',
  'flows/directory/numbers.yaml',
  'flows/directory/places.yaml',
];

function write(root: string, path: string, text: string): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
}

function materialise(f: Fixture): string {
  const root = mkdtempSync(join(tmpdir(), 'flows-'));
  const source = toSource(f);
  for (const [path, text] of Object.entries(source.flows)) write(root, path, text);
  write(root, 'locales/languages.json', source.languages);
  for (const [tag, namespaces] of Object.entries(source.locales)) {
    for (const [ns, text] of Object.entries(namespaces)) write(root, `locales/${tag}/${ns}.json`, text);
  }
  // The data files beside the flows are checked too: the repository's own.
  for (const file of DATA_FILES) write(root, file, readFileSync(join(repo, file), 'utf8'));
  // What the data files name (service topics, the help numbers' words, destination reasons), in
  // the fixture's languages: English texts stand in for the fixture's translations.
  const en = (ns: string): Record<string, string> => JSON.parse(readFileSync(join(repo, `locales/en/${ns}.json`), 'utf8')) as Record<string, string>;
  const reasons = Object.fromEntries(DESTINATION_REASONS.map((r) => [r, en('answer')[r]]));
  for (const tag of Object.keys(source.locales)) {
    write(root, `locales/${tag}/service_topic.json`, JSON.stringify(en('service_topic')));
    write(root, `locales/${tag}/numbers.json`, JSON.stringify(en('numbers')));
    write(root, `locales/${tag}/answer.json`, JSON.stringify(reasons));
  }
  return root;
}

describe('check-flows', { timeout: 20_000 }, () => {
  it('prints the coverage table and exits 0 when all is well', () => {
    const { code, out } = run('check-flows.ts', materialise(fixture()));
    // 66 keys of the fixture + 15 service topics, 19 words of the help numbers and 5 destination reasons (from the repository).
    expect(out).toMatch(/^bs\s+bs\s+draft\s+105\/105\s+100%\s+0\s+0$/m);
    expect(code).toBe(0);
  });

  it('prints each issue on its own line and exits 1', () => {
    const f = fixture();
    delete texts(f, 'bs', 'menu')['bye'];
    const { code, out } = run('check-flows.ts', materialise(f));
    expect(out).toContain('locales/bs/menu.json: missing key "bye" (used by flows/menu.yaml node main)\n');
    expect(out).toMatch(/^bs\s+bs\s+draft\s+104\/105\s+99%\s+0\s+0$/m);
    expect(code).toBe(1);
  });

  it('checks the services directory and the rules beside the flows', () => {
    const root = materialise(fixture());
    write(root, 'flows/directory/services.yaml', 'version: 1\nservices:\n  - { country: bih, name: X, what: Y }\n');
    const { code, out } = run('check-flows.ts', root);
    expect(out).toMatch(/^flows\/directory\/services\.yaml: services\.0\.country: /m);
    expect(code).toBe(1);
  });
});

describe('gen-schema', () => {
  it('writes the schemas, and --check fails naming a stale file', { timeout: 20_000 }, () => {
    const root = mkdtempSync(join(tmpdir(), 'schema-'));
    mkdirSync(join(root, 'flows'));
    mkdirSync(join(root, 'locales'));
    expect(run('gen-schema.ts', root, '--check').code).toBe(1);
    expect(run('gen-schema.ts', root).code).toBe(0);
    expect(run('gen-schema.ts', root, '--check')).toEqual({ code: 0, out: '' });
    const file = join(root, 'flows/app.schema.json');
    writeFileSync(file, readFileSync(file, 'utf8').replace('"start"', '"begin"'));
    const stale = run('gen-schema.ts', root, '--check');
    expect(stale.code).toBe(1);
    expect(stale.out).toContain('flows/app.schema.json: stale');
  });
});

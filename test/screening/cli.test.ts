/** `npm run --silent screen -- '<answers>'`: one JSON line on stdout, or a message and exit 2. */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { VERSION, baseline, data } from './fixture.js';
import { evaluate } from '../../src/screening/index.js';

const cli = resolve(import.meta.dirname, '../../src/cli/screen.ts');
const tsx = import.meta.resolve('tsx');

function screen(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['--import', tsx, cli, ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('screen', { timeout: 30_000 }, () => {
  it('prints exactly one JSON line with the five fields', () => {
    const r = screen(JSON.stringify({ ...baseline, medical_needs: true, pressure: 'authorities' }));
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toBe(
      `{"outcome":"COUNSELLOR_REVIEW","urgent":false,"rules":["R5b","R15"],"route":null,"version":"${VERSION}"}\n`,
    );
  });

  it('agrees with evaluate, and stops need no later answers', () => {
    const answers = { track: 'migrant', consent: true, danger_now: false, forced_work_or_debt: false, fear_of_return: false, age: 16, with_parent_or_guardian: false };
    const r = screen(JSON.stringify(answers));
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')).toEqual([expect.any(String), '']);
    expect(JSON.parse(r.stdout)).toEqual(evaluate(answers, data));
    expect(JSON.parse(r.stdout)).toMatchObject({ outcome: 'REFER_PROTECTION', route: 'child_protection' });
  });

  it('prints the information-only result without consent', () => {
    expect(screen('{"track":"migrant","consent":false}').stdout).toBe(
      `{"outcome":null,"urgent":false,"rules":["R0"],"route":"information_only","version":"${VERSION}"}\n`,
    );
  });

  it.each([
    ['invalid JSON', ['{track: migrant}'], /not valid JSON/],
    ['not an object', ['[1,2]'], /must be a JSON object/],
    ['a wrong type', [JSON.stringify({ ...baseline, age: '30' })], /age: .*expected number/],
    ['a value outside the enum', [JSON.stringify({ ...baseline, identity_document: 'passport' })], /identity_document: /],
    ['an unknown id', [JSON.stringify({ ...baseline, danger: true })], /"danger"/],
    ['a lower-case country', [JSON.stringify({ ...baseline, citizenship: 'pk' })], /citizenship: expected an ISO 3166-1 alpha-2 code/],
    ['a host country not served', [JSON.stringify({ ...baseline, host_country: 'HR' })], /host_country: HR is not served/],
    ['incomplete answers', [JSON.stringify({ ...baseline, medical_needs: undefined, can_pay_own_travel: undefined })], /missing answers: can_pay_own_travel, medical_needs/],
    ['no argument', [], /expected one argument/],
  ])('exits 2 on %s, with a message on stderr', (_name, args, message) => {
    const r = screen(...args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
  });
});

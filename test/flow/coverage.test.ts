import { describe, expect, it } from 'vitest';
import { coverage } from '../../src/flow/validate.js';
import { fixture, load, texts } from './fixture.js';

describe('coverage', () => {
  it('counts every key a language needs: flow keys, system keys and shared namespaces', () => {
    // 19 system (incl. 3 language names) + 5 /mydata notes + 31 /mydata labels + farewell + hello + main/apply/bye + 4 intake + files/footer = 66
    const rows = coverage(load(fixture()));
    expect(rows.map((r) => [r.tag, r.status, r.translated, r.keys, r.percent])).toEqual([
      ['en', 'draft', 66, 66, 100],
      ['bs', 'draft', 66, 66, 100],
      ['ar', 'draft', 66, 66, 100],
    ]);
  });

  it('counts missing and empty texts as untranslated, rounding down', () => {
    const f = fixture();
    delete texts(f, 'bs', 'intake')['summary'];
    texts(f, 'ar', 'templates')['files_few'] = ' ';
    const rows = coverage(load(f));
    expect(rows.map((r) => [r.tag, r.translated, r.percent])).toEqual([
      ['en', 66, 100],
      ['bs', 65, 98],
      ['ar', 65, 98],
    ]);
  });

  it('leaves staff-only namespaces out: English alone, counted for no language', () => {
    const f = fixture();
    f.staff = ['dashboard'];
    f.locales['en']!['dashboard'] = { title: 'Queue', empty: 'No cases' };
    const rows = coverage(load(f));
    expect(rows.map((r) => [r.tag, r.translated, r.keys])).toEqual([
      ['en', 66, 66],
      ['bs', 66, 66],
      ['ar', 66, 66],
    ]);
  });
});

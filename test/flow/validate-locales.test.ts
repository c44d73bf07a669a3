import { describe, expect, it } from 'vitest';
import { check, fixture, flow, node, texts, type Fixture } from './fixture.js';

const ALL = ['en', 'bs', 'ar'];
const everywhere = (f: Fixture, ns: string, edit: (t: Record<string, unknown>, tag: string) => void): void => {
  for (const tag of ALL) edit(texts(f, tag, ns), tag);
};

describe('validateContent: locale keys', () => {
  it('reports a key missing in English at the flow node that uses it', () => {
    const f = fixture();
    delete texts(f, 'en', 'intake')['ask_age'];
    expect(check(f)).toEqual(['flows/intake.yaml: node ask_age: text: "intake:ask_age" is not in locales/en/intake.json']);
  });

  it('reports a key missing in another language at its file, saying who uses it', () => {
    const f = fixture();
    delete texts(f, 'bs', 'menu')['bye'];
    expect(check(f)).toEqual(['locales/bs/menu.json: missing key "bye" (used by flows/menu.yaml node main)']);
  });

  it('reports a whole namespace file missing once', () => {
    const f = fixture();
    delete f.locales['ar']!['intake'];
    expect(check(f)).toEqual(['locales/ar/intake.json: missing: namespace "intake" needs 4 keys']);
  });

  it('reports a key no flow uses in a flow namespace, in every language', () => {
    const f = fixture();
    everywhere(f, 'intake', (t) => (t['old_question'] = 'Old?'));
    expect(check(f)).toEqual([
      'locales/en/intake.json: key "old_question" is not used by any flow',
      'locales/bs/intake.json: key "old_question" is not used by any flow',
      'locales/ar/intake.json: key "old_question" is not used by any flow',
    ]);
  });

  it('uses the flow namespace, or namespace:key', () => {
    const f = fixture();
    flow(f, 'welcome').namespace = 'greetings';
    for (const tag of ALL) {
      f.locales[tag]!['greetings'] = f.locales[tag]!['welcome']!;
      delete f.locales[tag]!['welcome'];
    }
    node(f, 'welcome', 'hello', 'message').text = 'intake:ask_age';
    everywhere(f, 'greetings', (t) => delete t['hello']);
    expect(check(f)).toEqual([]);
  });

  it('lets common and other shared namespaces hold keys no flow uses, if they match English', () => {
    const f = fixture();
    everywhere(f, 'common', (t) => (t['spare'] = 'spare'));
    for (const tag of ALL) f.locales[tag]!['status'] = { open: 'open' };
    expect(check(f)).toEqual([]);
    texts(f, 'bs', 'common')['extra'] = 'višak';
    delete texts(f, 'ar', 'status')['open'];
    delete texts(f, 'bs', 'templates')['footer'];
    expect(check(f)).toEqual([
      'locales/bs/templates.json: missing key "footer" (in en)',
      'locales/bs/common.json: key "extra" is not in en',
      'locales/ar/status.json: missing key "open" (in en)',
    ]);
  });

  it('requires the system keys in common', () => {
    const f = fixture();
    everywhere(f, 'common', (t, tag) => tag !== 'ar' && delete t['nav_back']);
    expect(check(f)).toEqual([
      'locales/en/common.json: missing system key "nav_back" (the program sends common:nav_back)',
      'locales/bs/common.json: missing key "nav_back" (a system key the program sends)',
    ]);
  });

  it('allows a system key only the variables the program passes', () => {
    const f = fixture();
    everywhere(f, 'common', (t) => (t['error_apology'] = 'Sorry, {{name}}.'));
    expect(check(f)).toEqual(['locales/en/common.json: key "error_apology": {{name}} cannot be filled: the program passes no variables']);
  });

  it('reports languages.json and folders that disagree', () => {
    const f = fixture();
    f.locales['fr'] = { common: {} };
    f.languages = f.languages.filter((l) => l.tag !== 'en');
    const lines = check(f);
    expect(lines).toContain('locales/languages.json: the source language "en" is not listed');
    expect(lines).toContain('locales/fr/: "fr" is not listed in locales/languages.json');
  });

  it('reports a namespace file no flow uses and English lacks', () => {
    const f = fixture();
    f.locales['bs']!['old'] = { a: 'b' };
    expect(check(f)).toEqual(['locales/bs/old.json: no flow uses namespace "old" and locales/en/old.json does not exist']);
  });

  it('reads nested objects as dotted keys, and reports a key defined twice', () => {
    const f = fixture();
    node(f, 'intake', 'ask_age', 'input').text = 'ask.age';
    everywhere(f, 'intake', (t, tag) => {
      delete t['ask_age'];
      if (tag === 'bs') t['ask.age'] = 'Godine?';
      else t['ask'] = { age: 'Age?' };
    });
    expect(check(f)).toEqual([]);
    texts(f, 'en', 'intake')['ask.age'] = 'Age again?';
    texts(f, 'en', 'intake')['bad'] = 3;
    const lines = check(f);
    expect(lines).toContain('locales/en/intake.json: key "ask.age" is defined twice (flat and nested)');
    expect(lines).toContain('locales/en/intake.json: key "bad": expected a text or an object of texts');
  });
});

describe('validateContent: plurals', () => {
  const withPlural = (f: Fixture): void => {
    node(f, 'welcome', 'hello', 'message').text = 'files';
    everywhere(f, 'welcome', (t) => delete t['hello']);
    texts(f, 'en', 'welcome')['files_one'] = 'one file';
    texts(f, 'en', 'welcome')['files_other'] = 'some files';
    texts(f, 'bs', 'welcome')['files_one'] = 'jedna datoteka';
    texts(f, 'bs', 'welcome')['files_few'] = 'nekoliko datoteka';
    texts(f, 'bs', 'welcome')['files_other'] = 'datoteke';
    texts(f, 'ar', 'welcome')['files_other'] = 'ملفات';
  };

  it('satisfies a base key with its plural forms, each language with its own set', () => {
    const f = fixture();
    withPlural(f);
    texts(f, 'en', 'welcome')['files_zero'] = 'no files'; // i18next uses _zero for 0 in any language
    expect(check(f)).toEqual([]);
  });

  it('needs _other and only the forms CLDR gives the language', () => {
    const f = fixture();
    withPlural(f);
    delete texts(f, 'ar', 'welcome')['files_other'];
    texts(f, 'ar', 'welcome')['files_two'] = 'ملفان';
    texts(f, 'bs', 'welcome')['files_many'] = 'mnogo';
    texts(f, 'en', 'templates')['files_few'] = 'a few files';
    expect(check(f)).toEqual([
      'locales/en/templates.json: key "files_few": "few" is not a plural form of en (one, other)',
      'locales/bs/welcome.json: key "files_many": "many" is not a plural form of bs (one, few, other)',
      'locales/ar/welcome.json: key "files": plural forms need "files_other"',
    ]);
  });

  it('does not read a key a flow names exactly as a plural form', () => {
    const f = fixture();
    node(f, 'menu', 'main', 'choice').choices[1]!.label = 'choice_other';
    everywhere(f, 'menu', (t) => {
      delete t['bye'];
      t['choice_other'] = 'Other';
    });
    expect(check(f)).toEqual([]);
  });
});

describe('validateContent: interpolation', () => {
  it('needs the same variables as English in every language', () => {
    const f = fixture();
    texts(f, 'bs', 'intake')['summary'] = 'Imate {{agee}} godina, {{case_reference}}.';
    texts(f, 'ar', 'intake')['summary'] = 'عمرك {{ age }} {{case_reference}}';
    expect(check(f)).toEqual(['locales/bs/intake.json: key "summary": lacks {{age}}; has {{agee}} not in en']);
  });

  it('keeps each placeholder whole: its format, and its escaping', () => {
    const f = fixture();
    texts(f, 'ar', 'intake')['summary'] = 'عمرك {{age, number}} {{- case_reference}}';
    expect(check(f)).toEqual([
      'locales/ar/intake.json: key "summary": lacks {{age}}, {{case_reference}}; has {{age, number}}, {{- case_reference}} not in en',
    ]);
  });

  it('compares plural keys by the union of their forms', () => {
    const f = fixture();
    texts(f, 'ar', 'templates')['files_few'] = 'ملفات';
    expect(check(f)).toEqual([]);
    for (const form of ['few', 'many', 'other']) texts(f, 'ar', 'templates')[`files_${form}`] = 'ملفات';
    expect(check(f)).toEqual(['locales/ar/templates.json: key "files": lacks {{count}}']);
  });

  it('keeps staff-only namespaces in English alone: no other language needs them or may have them', () => {
    const f = fixture();
    f.staff = ['dashboard'];
    f.locales['en']!['dashboard'] = { title: 'Queue' };
    expect(check(f)).toEqual([]);
    f.locales['bs']!['dashboard'] = { title: 'Red čekanja' };
    expect(check(f)).toEqual([
      'locales/bs/dashboard.json: "dashboard" is read by staff only and kept in en alone (locales/languages.json "staff"): remove this file',
    ]);
  });

  it('refuses to make a flow namespace staff-only', () => {
    const f = fixture();
    f.staff = ['intake'];
    expect(check(f)).toContain('locales/languages.json: "intake" is a flow\'s namespace: a migrant reads it, so it cannot be staff-only');
  });
});

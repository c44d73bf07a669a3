/**
 * Translators' XLIFF 2.0: export, import, the checks an import must pass (the same as check:flows)
 * and the review state kept per string.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadContent, type Content, type ContentSource } from '../../src/flow/content.js';
import { readContentSource } from '../../src/flow/read-dir.js';
import { fingerprint, parseSidecar, reviewFile } from '../../src/i18n/review.js';
import { reviewCounts } from '../../src/i18n/review-summary.js';
import { translatableStrings } from '../../src/i18n/strings.js';
import { ENGLISH_CHANGED, exportXliff } from '../../src/i18n/xliff-export.js';
import { importXliff, type ImportOutcome } from '../../src/i18n/xliff-import.js';
import { readXliff } from '../../src/i18n/xliff.js';
import { fixture, texts, toSource } from '../flow/fixture.js';
import { root } from '../support/app.js';

const sidecarOf = (tag: string): string | undefined => {
  const path = join(root, reviewFile(tag));
  return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
};

function load(source: ContentSource): Content {
  const { content, issues } = loadContent(source);
  if (!content) throw new Error(issues.map((i) => i.message).join('\n'));
  return content;
}

/** Exports `tag` from a source, with its review record. */
const exported = (source: ContentSource, tag: string, review?: string): string => exportXliff(load(source), tag, parseSidecar(review).sidecar);

function imported(source: ContentSource, xliff: string, review?: string): ImportOutcome {
  const result = importXliff(source, review, xliff);
  if (!result.ok) throw new Error(`refused:\n${result.problems.join('\n')}`);
  return result.outcome;
}

function refused(source: ContentSource, xliff: string, review?: string): string[] {
  const result = importXliff(source, review, xliff);
  if (result.ok) throw new Error('the import was accepted');
  return result.problems;
}

/** Replaces the target of one unit in an XLIFF text. */
function setTarget(xliff: string, id: string, target: string, state?: string): string {
  const start = xliff.indexOf(`<unit id="${id}">`);
  if (start < 0) throw new Error(`no unit ${id}`);
  const end = xliff.indexOf('</unit>', start);
  let unit = xliff.slice(start, end).replace(/<target>[\s\S]*?<\/target>/, `<target>${target}</target>`);
  if (!unit.includes('<target>')) unit = unit.replace('</source>', `</source>\n        <target>${target}</target>`);
  if (state) unit = unit.replace(/<segment state="[a-z]+"( subState="[^"]*")?>/, `<segment state="${state}">`);
  return xliff.slice(0, start) + unit + xliff.slice(end);
}

/** The target of one unit, as written in the XLIFF. */
function targetOf(xliff: string, id: string): string {
  const start = xliff.indexOf(`<unit id="${id}">`);
  return /<target>([\s\S]*?)<\/target>/.exec(xliff.slice(start, xliff.indexOf('</unit>', start)))?.[1] ?? '';
}

describe('XLIFF round trip on the repository', () => {
  const source = readContentSource(root);
  const content = load(source);
  const translated = content.languages.map((l) => l.tag).filter((t) => t !== 'en');

  it.each(translated)('exports %s and imports it back unchanged: no file changes', (tag) => {
    const xliff = exported(source, tag, sidecarOf(tag));
    const outcome = imported(source, xliff, sidecarOf(tag));
    expect(outcome.changed).toEqual([]);
    expect(outcome.warnings).toEqual([]);
    expect(outcome.writes).toEqual({});
  });

  it('exports every string a migrant may read, with its source, target, key and where it is used', () => {
    const xliff = exported(source, 'ps', sidecarOf('ps'));
    const doc = readXliff(xliff);
    expect(doc).toMatchObject({ srcLang: 'en', trgLang: 'ps', problems: [] });
    const ids = doc.units.map((u) => u.id);
    expect(ids).toHaveLength(translatableStrings(content, 'ps', { strings: {} }).length);
    expect(ids).toContain('case_notice:status.approved');
    expect(ids.some((id) => id.startsWith('dashboard:') || id.startsWith('slack:'))).toBe(false);
    const summary = doc.units.find((u) => u.id === 'application:summary');
    expect(summary?.source).toBe(JSON.parse(source.locales['en']!['application']!).summary);
    expect(summary?.target).toBe(JSON.parse(source.locales['ps']!['application']!).summary);
    expect(xliff).toContain('<note category="location">flows/application.yaml node summary (text)</note>');
    expect(xliff).toContain('<note category="key">application:summary</note>');
    // Placeholders and tags are protected codes with their original data.
    expect(xliff).toContain('type="ui" subType="xlf:var" disp="{{case_reference}}"/>');
    expect(xliff).toMatch(/<pc id="\d+" dataRefStart="d\d+" dataRefEnd="d\d+" type="fmt" subType="xlf:b"/);
  });

  it('refuses English as a target and a language not listed', () => {
    expect(() => exported(source, 'en')).toThrow(/source language/);
    expect(() => exported(source, 'it')).toThrow(/not in locales\/languages.json/);
  });
});

describe('importing: the checks of check:flows, naming the key', () => {
  const source = readContentSource(root);
  const xliff = exported(source, 'ps', sidecarOf('ps'));
  const current = targetOf(xliff, 'status:current');

  it('refuses a changed placeholder', () => {
    const changed = setTarget(xliff, 'status:current', current.replace(/<ph [^>]*disp="\{\{case_reference\}\}"\/>/, '{{case_ref}}'));
    expect(refused(source, changed)).toEqual([
      'status:current: lacks {{case_reference}}; has {{case_ref}} not in en (locales/ps/status.json)',
    ]);
  });

  it('refuses a missing placeholder, and one whose format changed', () => {
    const missing = setTarget(xliff, 'status:current', current.replace(/<ph [^>]*disp="\{\{case_status, status\}\}"\/>/, ''));
    expect(refused(source, missing)).toEqual(['status:current: lacks {{case_status, status}} (locales/ps/status.json)']);
    const format = setTarget(xliff, 'status:current', current.replace(/<ph [^>]*disp="\{\{case_status, status\}\}"\/>/, '{{case_status}}'));
    expect(refused(source, format)[0]).toMatch(/^status:current: lacks \{\{case_status, status\}\}; has \{\{case_status\}\} not in en/);
  });

  it('refuses broken markup: a tag opened and never closed', () => {
    const broken = setTarget(xliff, 'status:current', current.replace(/<pc id="(\d+)" dataRefStart="(d\d+)"[^>]*>([\s\S]*?)<\/pc>/, '<ph id="$1" dataRef="$2"/>$3'));
    expect(refused(source, broken)).toEqual(['status:current: <b> is never closed (locales/ps/status.json)']);
  });

  it('refuses unsafe markup: a tag Telegram does not take, a new link, markup on a button', () => {
    const withData = (x: string, id: string, data: string): string =>
      x.replace(new RegExp(`(<unit id="${id}">[\\s\\S]*?)(<segment)`), `$1<originalData><data id="dz">${data}</data></originalData>\n      $2`);
    const script = withData(setTarget(xliff, 'about:topics', 'x <ph id="90" dataRef="dz"/>'), 'about:topics', '&lt;script&gt;');
    expect(refused(source, script)).toEqual([
      'about:topics: <script> is not allowed (only <b> <i> <u> <s> <code> <a href="...">) (locales/ps/about.json)',
    ]);
    const link = withData(setTarget(xliff, 'about:topics', '<pc id="91" dataRefStart="dz" dataRefEnd="dy">x</pc>'), 'about:topics', '&lt;a href="https://evil.example"&gt;')
      .replace('<data id="dz">', '<data id="dy">&lt;/a&gt;</data><data id="dz">');
    expect(refused(source, link)).toEqual([
      'about:topics: links to "https://evil.example", which the English text does not (a translation keeps the English links) (locales/ps/about.json)',
    ]);
    const button = withData(setTarget(xliff, 'menu:about', '<pc id="92" dataRefStart="dz" dataRefEnd="dy">x</pc>'), 'menu:about', '&lt;b&gt;')
      .replace('<data id="dz">', '<data id="dy">&lt;/b&gt;</data><data id="dz">');
    expect(refused(source, button)).toEqual(['menu:about: a button label is plain text: no HTML tags or entities (locales/ps/menu.json)']);
    expect(refused(source, setTarget(xliff, 'menu:about', 'x'.repeat(65)))).toEqual([
      'menu:about: a button label is 65 characters (at most 64) (locales/ps/menu.json)',
    ]);
  });

  it('refuses a code without its original data, and elements that are not XLIFF inline content', () => {
    expect(refused(source, setTarget(xliff, 'about:topics', 'x <ph id="5" dataRef="nope"/>'))[0]).toMatch(/^about:topics: <ph id="5"> has no original data/);
    expect(refused(source, setTarget(xliff, 'about:topics', 'x <b xmlns="">y</b>'))).toEqual(['about:topics: <b> is not XLIFF 2.0 inline content']);
  });

  it('refuses what is not XLIFF 2.0, and a language that is not a translation', () => {
    expect(refused(source, '<xliff version="1.2"><file/></xliff>')).toEqual(['not an XLIFF 2.0 document (version 1.2: export again with npm run i18n:export)']);
    expect(refused(source, 'not xml <')[0]).toMatch(/^not well-formed XML/);
    expect(refused(source, xliff.replace('trgLang="ps"', 'trgLang="it"'))).toEqual(['the target language "it" is not a translation listed in locales/languages.json']);
  });

  it('writes nothing when it refuses: the problems come back all at once', () => {
    const two = setTarget(setTarget(xliff, 'menu:about', 'x'.repeat(70)), 'menu:status', 'y'.repeat(70));
    expect(refused(source, two)).toHaveLength(2);
  });
});

describe('importing: texts and review state', () => {
  const source = readContentSource(root);
  const review = sidecarOf('sq');
  const xliff = exported(source, 'sq', review);

  it('writes a changed text as typed: a typed <, > or & is a character, not markup', () => {
    const outcome = imported(source, setTarget(xliff, 'about:topics', 'Çfarë doni të dini? &lt;ju&gt; &amp; ne'), review);
    expect(outcome.changed).toEqual(['about:topics']);
    const written = JSON.parse(outcome.writes['locales/sq/about.json'] ?? '{}') as Record<string, string>;
    expect(written['topics']).toBe('Çfarë doni të dini? &lt;ju&gt; &amp; ne');
    // The rest of the file is untouched, in its order.
    expect(Object.keys(written)).toEqual(Object.keys(JSON.parse(source.locales['sq']!['about']!) as object));
  });

  it('records a string marked reviewed (or final), counts it, and exports it as reviewed', () => {
    const outcome = imported(source, setTarget(xliff, 'menu:about', targetOf(xliff, 'menu:about'), 'final'), review);
    expect(outcome).toMatchObject({ changed: [], reviewed: ['menu:about'], unreviewed: [] });
    const sidecar = outcome.writes[reviewFile('sq')] ?? '';
    const entry = parseSidecar(sidecar).sidecar.strings['menu:about'];
    expect(entry).toEqual({ state: 'reviewed', english: fingerprint('What is voluntary return?'), text: expect.any(String) });
    expect(reviewCounts(load(source), 'sq', parseSidecar(sidecar).sidecar)).toMatchObject({ reviewed: 1 });
    const again = exported(source, 'sq', sidecar);
    expect(again).toMatch(/<unit id="menu:about">[\s\S]*?<segment state="reviewed">/);
    // Importing that file again changes nothing.
    expect(imported(source, again, sidecar).writes).toEqual({});
  });

  it('a reviewed string goes stale when the English changes, and draft when its text changes', () => {
    const reviewed = imported(source, setTarget(xliff, 'menu:about', targetOf(xliff, 'menu:about'), 'reviewed'), review).writes[reviewFile('sq')];
    const en = JSON.parse(source.locales['en']!['menu']!) as Record<string, string>;
    const changedEnglish: ContentSource = {
      ...source,
      locales: { ...source.locales, en: { ...source.locales['en'], menu: JSON.stringify({ ...en, about: 'What is a voluntary return?' }) } },
    };
    const stale = exported(changedEnglish, 'sq', reviewed);
    expect(stale).toMatch(new RegExp(`<unit id="menu:about">[\\s\\S]*?<segment state="translated" subState="${ENGLISH_CHANGED}">`));
    expect(reviewCounts(load(changedEnglish), 'sq', parseSidecar(reviewed).sidecar)).toMatchObject({ reviewed: 0, stale: 1 });
    // Importing it unchanged keeps it stale; a new text makes it a draft.
    expect(imported(changedEnglish, stale, reviewed).writes).toEqual({});
    const fixed = imported(changedEnglish, setTarget(stale, 'menu:about', 'Çfarë është një kthim vullnetar?'), reviewed);
    expect(fixed.changed).toEqual(['menu:about']);
    expect(parseSidecar(fixed.writes[reviewFile('sq')]).sidecar.strings['menu:about']?.state).toBe('draft');
  });

  it('keeps a file exported before the English changed a draft, and says so', () => {
    const en = JSON.parse(source.locales['en']!['menu']!) as Record<string, string>;
    const changedEnglish: ContentSource = {
      ...source,
      locales: { ...source.locales, en: { ...source.locales['en'], menu: JSON.stringify({ ...en, about: 'What is a voluntary return?' }) } },
    };
    const outcome = imported(changedEnglish, setTarget(xliff, 'menu:about', 'Kthimi vullnetar?', 'reviewed'), review);
    expect(outcome.reviewed).toEqual([]);
    expect(outcome.warnings).toEqual(['menu:about: the English text changed after this file was exported; imported as a draft, check it against the new English']);
  });

  it('records nothing for unchanged strings without a record, unless asked for a baseline', () => {
    const outcome = imported(source, xliff, undefined);
    expect(outcome.writes).toEqual({});
    const result = importXliff(source, undefined, xliff, { baseline: true });
    const baseline = result.ok ? (result.outcome.writes[reviewFile('sq')] ?? '') : '';
    expect(baseline).toBe(review);
  });

  it('skips strings the English no longer has, and units without a target', () => {
    const extra = xliff.replace('</file>', '<unit id="menu:gone"><segment state="translated"><source>Gone</source><target>Ikur</target></segment></unit>\n  </file>');
    const outcome = imported(source, setTarget(extra, 'menu:about', ''), review);
    expect(outcome.warnings).toEqual(['menu:gone: not a string of the current English texts; skipped']);
    expect(outcome.changed).toEqual([]);
  });
});

describe('what translators\' tools write back', () => {
  const source = readContentSource(root);
  const review = sidecarOf('sq');
  const xliff = exported(source, 'sq', review);

  it('reads several segments and ignorables in a unit, annotations, CDATA and <cp>', () => {
    const unit = `<unit id="about:topics"><segment state="translated"><source>What do you want</source><target><mrk id="m1" translate="yes">Çfarë</mrk> doni</target></segment><ignorable><source> </source></ignorable><segment state="translated"><source>to know?</source><target><![CDATA[të dini]]><cp hex="003F"/></target></segment></unit>`;
    const changed = xliff.replace(/<unit id="about:topics">[\s\S]*?<\/unit>/, unit);
    const doc = readXliff(changed);
    expect(doc.units.find((u) => u.id === 'about:topics')).toMatchObject({ source: 'What do you want to know?', target: 'Çfarë doni të dini?', state: 'translated' });
  });

  it('refuses a unit with some segments translated and others not', () => {
    const unit = `<unit id="about:topics"><segment><source>a</source><target>b</target></segment><segment><source>c</source></segment></unit>`;
    expect(refused(source, xliff.replace(/<unit id="about:topics">[\s\S]*?<\/unit>/, unit), review)).toEqual(['about:topics: 1 of its 2 segments have no target']);
  });
});

describe('plural forms and new keys (fixture)', () => {
  it('exports one unit per plural form the language has, from the English form or _other', () => {
    const f = fixture();
    const source = toSource(f);
    const ids = (tag: string) => readXliff(exported(source, tag)).units.map((u) => u.id).filter((id) => id.startsWith('templates:files'));
    expect(ids('bs')).toEqual(['templates:files_one', 'templates:files_few', 'templates:files_other']);
    expect(ids('ar')).toEqual(['templates:files_zero', 'templates:files_one', 'templates:files_two', 'templates:files_few', 'templates:files_many', 'templates:files_other']);
    const few = readXliff(exported(source, 'bs')).units.find((u) => u.id === 'templates:files_few');
    expect(few).toMatchObject({ source: '{{count}} files', target: '{{count}} datoteke' });
  });

  it('adds a missing key where the English file has it', () => {
    const f = fixture();
    delete texts(f, 'bs', 'intake')['ask_age'];
    const source = toSource(f);
    const xliff = exported(source, 'bs');
    expect(xliff).toMatch(/<unit id="intake:ask_age">[\s\S]*?<segment state="initial">\s*<source>How old are you\?<\/source>\s*<\/segment>/);
    const outcome = imported(source, setTarget(xliff, 'intake:ask_age', 'Koliko imate godina?', 'translated'));
    expect(Object.keys(JSON.parse(outcome.writes['locales/bs/intake.json'] ?? '{}') as object)).toEqual(['no_consent', 'ask_age', 'reask_age', 'summary']);
  });
});

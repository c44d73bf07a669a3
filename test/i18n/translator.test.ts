import { describe, expect, it } from 'vitest';
import { Translator } from '../../src/i18n/translator.js';
import { realContent } from '../support/app.js';

describe('translator', () => {
  const t = new Translator(realContent());

  it('escapes interpolated values and isolates them in right-to-left languages only', () => {
    expect(t.t('en', 'common:unknown_command', { command: '<b>x' })).toContain('/&lt;b&gt;x');
    expect(t.t('ar', 'common:unknown_command', { command: 'x' })).toContain('\u2068x\u2069');
    expect(t.t('en', 'common:unknown_command', { command: 'x' })).not.toContain('\u2068');
  });

  it('isolates /commands inside right-to-left text, and leaves URLs alone', () => {
    const ar = t.t('ar', 'welcome:pick_language');
    expect(ar).toContain('\u2068/language\u2069');
    expect(t.t('en', 'welcome:pick_language')).toContain(' /language');
  });

  it('gives the same text and label again, per language, and still interpolates after a text without values', () => {
    expect(t.t('ar', 'welcome:pick_language')).toBe(t.t('ar', 'welcome:pick_language'));
    expect(t.t('en', 'welcome:pick_language')).not.toBe(t.t('ar', 'welcome:pick_language'));
    expect(t.label('bs', 'common:yes')).toBe(t.label('bs', 'common:yes'));
    expect(t.label('en', 'common:yes')).toBe('Yes');
    expect(t.t('en', 'common:unknown_command')).not.toContain('/x');
    expect(t.t('en', 'common:unknown_command', { command: 'x' })).toContain('/x');
    expect(t.t('en', 'common:unknown_command', { command: 'y' })).toContain('/y');
    // Values a text does not use change nothing; a language without the key shows English.
    expect(t.t('ar', 'welcome:pick_language', { anything: 'x' })).toBe(t.t('ar', 'welcome:pick_language'));
    expect(t.t('xx', 'common:yes', { anything: 'x' })).toBe('Yes');
  });

  it('falls back to English per key', () => {
    expect(t.t('xx', 'common:yes')).toBe('Yes');
  });

  it('formats countries, dates and statuses in the reader\'s language', () => {
    const text = { line: '{{c, country}} · {{d, date}} · {{s, status}}' };
    const small = new Translator({
      ...realContent(),
      resources: {
        en: { t: text, case_status: { approved: 'approved' } },
        ar: { t: text, case_status: { approved: 'تمت الموافقة' } },
      },
    });
    const params = { c: 'SY', d: '1990-01-02', s: 'approved' };
    expect(small.t('en', 't:line', params)).toBe('Syria · January 2, 1990 · approved');
    expect(small.t('ar', 't:line', params)).toMatch(/^\u2068سوريا\u2069 · \u2068.+1990\u2069 · \u2068تمت الموافقة\u2069$/);
  });

  it('names countries and writes dates through the cldr locale when CLDR has none (Romani: Serbian Latin)', () => {
    const text = { line: '{{c, country}} · {{d, date}}' };
    const small = new Translator({ ...realContent(), resources: { en: { t: text }, rom: { t: text }, sq: { t: text } } });
    const params = { c: 'DE', d: '1995-12-31' };
    expect(small.locale('rom')).toBe('sr-Latn');
    expect(small.locale('sq')).toBe('sq');
    expect(small.t('rom', 't:line', params)).toBe('Nemačka · 31. decembar 1995.');
    expect(small.t('sq', 't:line', params)).toBe('Gjermani · 31 dhjetor 1995');
  });

  it('writes a list of answers, the items of a repeat, and "stateless" for no citizenship', () => {
    const small = new Translator({
      ...realContent(),
      resources: {
        en: {
          t: {
            help: 'Help: {{help, answer}}.',
            people: 'With you: {{people, items(line: t:person; none: t:nobody)}}.',
            person: '{{relationship, answer}}, {{age}}, {{citizenship, country}}',
            nobody: 'nobody',
          },
          answer: { job: 'a job', training: 'school', spouse: 'wife', child: 'child', stateless: 'stateless' },
        },
      },
    });
    expect(small.t('en', 't:help', { help: ['job', 'training'] })).toBe('Help: a job; school.');
    const people = [
      { relationship: 'spouse', age: 29, citizenship: 'PK' },
      { relationship: 'child', age: 4, citizenship: 'XX' },
    ];
    expect(small.t('en', 't:people', { people })).toBe('With you: wife, 29, Pakistan; child, 4, stateless.');
    expect(small.t('en', 't:people', { people: [] })).toBe('With you: nobody.');
    // The items are escaped as one value, like any other.
    expect(small.t('en', 't:people', { people: [{ relationship: '<b>', age: 1, citizenship: 'PK' }] })).toContain('&lt;b&gt;');
  });
});

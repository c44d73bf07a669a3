import { describe, expect, it } from 'vitest';
import { parseAnswer } from '../../src/engine/answers.js';
import { STATELESS, matchCountry } from '../../src/engine/country.js';
import type { InputNode } from '../../src/flow/schema.js';

const node = (input: InputNode['input'], extra: Partial<InputNode> = {}): InputNode => ({
  type: 'input', input, text: 'q', reask: 'r', var: 'v', next: 'n', ...extra,
});
const ctx = { now: new Date('2026-11-23T00:00:00Z'), language: 'en', yesLabel: 'Yes', noLabel: 'No' };

describe('answers', () => {
  it.each([
    ['31.12.1990', '1990-12-31'],
    ['1990-12-31', '1990-12-31'],
    ['31/12/1990', '1990-12-31'],
    ['١٥/٠٦/١٩٩٨', '1998-06-15'],
    ['۱۹۹۵/۱۲/۳۱', '1995-12-31'],
  ])('reads the date %s', (text, iso) => {
    expect(parseAnswer(node('date'), text, ctx)).toEqual({ ok: true, value: iso });
  });

  it('rejects impossible and out-of-range dates', () => {
    expect(parseAnswer(node('date'), '31.02.1999', ctx).ok).toBe(false);
    expect(parseAnswer(node('date', { max: 0 }), '01.01.2030', ctx).ok).toBe(false);
    expect(parseAnswer(node('date', { min: -120 }), '01.01.1850', ctx).ok).toBe(false);
  });

  it('reads yes and no by label, in the user\'s language', () => {
    expect(parseAnswer(node('yes_no'), 'yes', ctx)).toEqual({ ok: true, value: true });
    expect(parseAnswer(node('yes_no'), 'لا', { ...ctx, language: 'ar', noLabel: 'لا' })).toEqual({ ok: true, value: false });
    expect(parseAnswer(node('yes_no'), 'perhaps', ctx).ok).toBe(false);
  });

  it('limits free text', () => {
    expect(parseAnswer(node('text', { max_length: 5 }), 'abcdef', ctx).ok).toBe(false);
    expect(parseAnswer(node('text'), '   ', ctx).ok).toBe(false);
  });

  it('finds countries by name in the user\'s language, by English name and by code', () => {
    expect(matchCountry('Afghanistan', 'en')).toEqual(['AF']);
    expect(matchCountry('سوريا', 'ar')).toEqual(['SY']);
    expect(matchCountry('Sirija', 'bs')).toEqual(['SY']);
    expect(matchCountry('pk', 'en')).toEqual(['PK']);
    expect(matchCountry('Atlantis', 'en')).toEqual([]);
    expect(matchCountry('ira', 'en').sort()).toEqual(['IQ', 'IR']);
  });

  it('reads "and" where the country\'s name has "&"', () => {
    expect(matchCountry('Bosnia and Herzegovina', 'en')).toEqual(['BA']);
    expect(matchCountry('bosnia & herzegovina', 'en')).toEqual(['BA']);
    expect(matchCountry('Trinidad and Tobago', 'en')).toEqual(['TT']);
  });

  it('offers candidates when a typed country is ambiguous', () => {
    const r = parseAnswer(node('country'), 'ira', ctx);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.candidates?.sort()).toEqual(['IQ', 'IR']);
  });
});

describe('countries as people write them', () => {
  it('reads short forms, other scripts and what citizens are called', () => {
    expect(matchCountry('BiH', 'en')).toEqual(['BA']);
    expect(matchCountry('سورية', 'ar')).toEqual(['SY']);
    expect(matchCountry('Pakistani', 'en')).toEqual(['PK']);
    expect(matchCountry('afghan', 'fa')).toEqual(['AF']);
    expect(matchCountry('Turkey', 'en')).toEqual(['TR']);
    expect(matchCountry('Palestine', 'en')).toEqual(['PS']);
    expect(matchCountry('Србија', 'sr-Cyrl')).toEqual(['RS']);
  });

  it('has an answer for no citizenship, matched only in full', () => {
    expect(matchCountry('stateless', 'en')).toEqual([STATELESS]);
    expect(matchCountry('بدون جنسية', 'ar')).toEqual([STATELESS]);
    expect(matchCountry('bez državljanstva', 'bs')).toEqual([STATELESS]);
    // An alias is never offered for its first letters.
    expect(matchCountry('sta', 'en')).not.toContain(STATELESS);
  });
});

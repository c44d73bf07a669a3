import { describe, expect, it } from 'vitest';
import { formatterKeys } from '../../src/flow/check-locales.js';
import { ContentError, loadCheckedContent } from '../../src/flow/load.js';
import { validateContent } from '../../src/flow/validate.js';
import { fixture, load, texts, toSource } from './fixture.js';

describe('a translation still missing', () => {
  it('fails the check but not the service: the text shows in English until it is translated', () => {
    const f = fixture();
    delete texts(f, 'bs', 'menu')['bye'];
    expect(validateContent(load(f))).toContainEqual({
      file: 'locales/bs/menu.json',
      message: 'missing key "bye" (used by flows/menu.yaml node main)',
      kind: 'missing_translation',
    });
    expect(() => loadCheckedContent(toSource(f))).not.toThrow();
  });

  it('still stops the service when English lacks it, or a translation is wrong', () => {
    const noEnglish = fixture();
    delete texts(noEnglish, 'en', 'menu')['bye'];
    expect(() => loadCheckedContent(toSource(noEnglish))).toThrow(ContentError);
    const wrong = fixture();
    texts(wrong, 'bs', 'intake')['ask_age'] = 'Koliko {{godina}}?';
    expect(() => loadCheckedContent(toSource(wrong))).toThrow(/ask_age/);
  });
});

describe('keys named inside a formatter', () => {
  it('are found in the options of a placeholder', () => {
    expect(formatterKeys('With you: {{people, items(line: application:companion_line; none: application:companion_none)}}.')).toEqual([
      'application:companion_line',
      'application:companion_none',
    ]);
    expect(formatterKeys('{{a, answer}} {{b, date}}')).toEqual([]);
  });
});

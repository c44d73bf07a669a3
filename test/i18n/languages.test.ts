/** Which language a channel's hint suggests, with the repository's nineteen languages. */
import { describe, expect, it } from 'vitest';
import { negotiate } from '../../src/channels/web/negotiate.js';
import { suggestLanguage } from '../../src/conversation/language.js';
import { realContent } from '../support/app.js';

const languages = realContent().languages;

describe('the nineteen languages', () => {
  it('are the languages of the domain notes, each a draft but English', () => {
    expect(languages.map((l) => l.tag)).toEqual(['en', 'bs', 'sr-Latn', 'sr-Cyrl', 'sq', 'rom', 'de', 'ar', 'fa', 'ps', 'ur', 'bn', 'tr', 'ckb', 'kmr', 'fr', 'es', 'hi', 'ne']);
    expect(languages.filter((l) => l.status === 'reviewed').map((l) => l.tag)).toEqual(['en']);
  });

  it('Telegram codes suggest a language: sr (no script) stays Cyrillic, sq is Albanian, Romani has none', () => {
    expect(suggestLanguage('sr', languages)).toBe('sr-Cyrl');
    expect(suggestLanguage('sq', languages)).toBe('sq');
    expect(suggestLanguage('hr', languages)).toBe('bs');
    expect(languages.find((l) => l.tag === 'rom')?.hints).toEqual([]);
    expect(languages.find((l) => l.tag === 'sr-Latn')?.hints).toEqual([]);
    // A hint naming the tag itself still works (the web chat, /language rom).
    expect(suggestLanguage('rom', languages)).toBe('rom');
    expect(suggestLanguage('sr-Latn', languages)).toBe('sr-Latn');
  });

  it('a browser asking for Serbian in Latin script gets sr-Latn; plain Serbian gets sr-Cyrl', () => {
    expect(negotiate('sr-Latn-RS,sr;q=0.9', languages)?.tag).toBe('sr-Latn');
    expect(negotiate('sr-RS', languages)?.tag).toBe('sr-Cyrl');
    expect(negotiate('sq-XK', languages)?.tag).toBe('sq');
    expect(negotiate('de-DE', languages)?.tag).toBe('de');
  });
});

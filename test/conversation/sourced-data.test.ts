/**
 * The data people are shown (help numbers, directory contacts, place names, destination states)
 * carries its source and the date it was checked, and is matched the way people write it.
 */
import { parse, stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { checkData } from '../../src/conversation/check-data.js';
import { directoryFileSchema, findServices, forAudience } from '../../src/conversation/directory-from-data.js';
import { NUMBERS_FILE, numbersFileSchema, numbersOf, shownNumbers } from '../../src/conversation/numbers-from-data.js';
import { canonicalPlace, foldPlace } from '../../src/conversation/place-names.js';
import type { DirectoryEntry } from '../../src/conversation/ports.js';
import { RULE_FILES } from '../../src/screening/index.js';
import { realContent } from '../support/app.js';

const number = { country: 'RS', kind: 'police', number: '192', hours: { always: true } };

describe('help numbers', () => {
  it('refuses a verified number without its source or the date it was checked', () => {
    const file = (n: object) => numbersFileSchema.safeParse({ version: 1, numbers: [n] });
    expect(file({ ...number, verified: true }).success).toBe(false);
    expect(file({ ...number, verified: true, source: 'https://example.org/a', checked: '2026-12-03' }).success).toBe(true);
    expect(file({ ...number, verified: true, source: 'not a url', checked: '2026-12-03' }).success).toBe(false);
    // An unverified lead may stay in the data without them: it is never shown.
    expect(file({ ...number, verified: false }).success).toBe(true);
    expect(file({ ...number, number: '19x2' }).success).toBe(false);
  });

  it('shows only verified numbers of the country, emergency lines first, then the kinds asked for', () => {
    const numbers = numbersFileSchema.parse({
      version: 1,
      numbers: [
        { country: 'RS', kind: 'child_line', number: '116 111', hours: { always: true }, verified: true, source: 'https://example.org', checked: '2026-12-03' },
        { country: 'RS', kind: 'trafficking', number: '+381 11 785 0000', verified: true, source: 'https://example.org', checked: '2026-12-03' },
        { ...number, verified: true, source: 'https://example.org', checked: '2026-12-03' },
        { country: 'RS', kind: 'ambulance', number: '194', hours: { always: true }, verified: false },
        { country: 'BA', kind: 'police', number: '122', hours: { always: true }, verified: true, source: 'https://example.org', checked: '2026-12-03' },
      ],
    }).numbers;
    expect(shownNumbers(numbers, 'RS', ['trafficking']).map((n) => n.number)).toEqual(['192', '+381 11 785 0000']);
    expect(shownNumbers(numbers, 'RS').map((n) => n.kind)).toEqual(['police', 'trafficking', 'child_line']);
  });

  it('has, in the repository, police and ambulance for both countries, each with a source and a date', () => {
    const numbers = numbersOf(realContent().data);
    for (const country of ['BA', 'RS']) {
      const kinds = shownNumbers(numbers, country).map((n) => n.kind);
      expect(kinds).toContain('police');
      expect(kinds).toContain('ambulance');
    }
    for (const n of numbers.filter((x) => x.verified)) {
      expect(n.source).toMatch(/^https?:\/\//);
      expect(n.checked).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    // 112 does not work in Bosnia and Herzegovina: never offered there.
    expect(shownNumbers(numbers, 'BA').map((n) => n.number)).not.toContain('112');
  });
});

describe('the services directory', () => {
  it('refuses a verified contact without a source, a date or a contact', () => {
    const entry = { country: 'BA', place: 'Bijeljina', name: 'X', topic: 'education', what: 'y' };
    const file = (e: object) => directoryFileSchema.safeParse({ version: 1, services: [e] });
    expect(file({ ...entry, contact: '+387 55 000 000', verified: true }).success).toBe(false);
    expect(file({ ...entry, verified: true, source: 'https://example.org', checked: '2026-12-03' }).success).toBe(false);
    expect(file({ ...entry, contact: '+387 55 000 000', verified: true, source: 'https://example.org', checked: '2026-12-03' }).success).toBe(true);
  });

  it('finds a place in either script, without accents, and with "distrikt" or "grad" around it', () => {
    const entries: DirectoryEntry[] = [
      { country: 'BA', place: 'Brčko', name: 'Info point', topic: 'returnee_info', what: '', contact: '' },
      { country: 'BA', place: 'Bijeljina', name: 'Otaharin', topic: 'education', what: '', contact: '' },
      { country: 'BA', place: null, name: 'Centre for Social Work', topic: 'social_work', what: '', contact: '' },
    ];
    for (const typed of ['Brčko distrikt', 'Brcko', 'Брчко', 'BRČKO DISTRIKT BiH', 'grad Brčko']) {
      expect(findServices(entries, 'BA', typed).map((e) => e.name), typed).toEqual(['Info point', 'Centre for Social Work']);
    }
    expect(foldPlace('Бијељина')).toBe(foldPlace('Bijeljina'));
    expect(foldPlace('Đakovica')).toBe('djakovica');
  });

  it('knows the other names of a place from places.yaml', () => {
    const data = realContent().data;
    expect(canonicalPlace(data, 'RS', 'Belgrade')).toBe('Beograd');
    expect(canonicalPlace(data, 'RS', 'Београд')).toBe('Beograd');
    expect(canonicalPlace(data, 'BA', 'Brčko District')).toBe('Brčko');
    expect(canonicalPlace(data, 'BA', 'Tuzla')).toBe('Tuzla');
  });

  it('shows returnees no asylum or foreigners\' services, and foreigners no readmission help', () => {
    expect(forAudience('asylum_legal_aid', 'returnee')).toBe(false);
    expect(forAudience('avrr', 'returnee')).toBe(false);
    expect(forAudience('social_work', 'returnee')).toBe(true);
    expect(forAudience('readmission', 'migrant')).toBe(false);
    expect(forAudience('readmission', null)).toBe(true);
  });
});

describe('npm run check:flows on the data', () => {
  it('passes on the repository', () => {
    expect(checkData(realContent())).toEqual([]);
  });

  it('asks a limited or suspended destination for its reason, date and source', () => {
    const content = realContent();
    const destinations = parse(content.data[RULE_FILES.destinations]!) as { entries: Array<Record<string, unknown>> };
    delete destinations.entries[0]!['reason'];
    delete destinations.entries[0]!['checked'];
    const issues = checkData({ ...content, data: { ...content.data, [RULE_FILES.destinations]: stringify(destinations) } });
    expect(issues.map((i) => i.message)).toEqual([
      'entries.0 (AF): a suspended destination needs `reason`',
      'entries.0 (AF): a suspended destination needs `checked`',
    ]);
  });

  it('names the file and the entry of a verified number without a source', () => {
    const content = realContent();
    const file = parse(content.data[NUMBERS_FILE]!) as { numbers: Array<Record<string, unknown>> };
    delete file.numbers[0]!['source'];
    const issues = checkData({ ...content, data: { ...content.data, [NUMBERS_FILE]: stringify(file) } });
    expect(issues).toEqual([{ file: NUMBERS_FILE, message: 'numbers.0.source: a verified entry needs the URL it was checked on' }]);
  });
});

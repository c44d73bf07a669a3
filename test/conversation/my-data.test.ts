/** `/mydata`: every stored answer, labelled in the person's language; safety and health answers never printed. */
import { describe, expect, it } from 'vitest';
import type { CaseRecord } from '../../src/conversation/ports.js';
import { myDataLines, storedVariables } from '../../src/conversation/my-data.js';
import { MY_DATA_FIELDS, NOT_ABOUT_THE_PERSON, SENSITIVE_ANSWERS, myDataFieldKey } from '../../src/flow/data-categories.js';
import { Translator } from '../../src/i18n/translator.js';
import { realContent } from '../support/app.js';
import { newApplication } from '../support/new-case.js';

const content = realContent();
const translator = new Translator(content);

function caseOf(fields: Partial<CaseRecord>): CaseRecord {
  return {
    id: 'c1',
    reference: 'AVR-2026-000042',
    contactId: 'k1',
    status: 'in_review',
    assignee: null,
    version: 1,
    createdAt: new Date('2026-11-02T10:00:00Z'),
    updatedAt: new Date('2026-11-02T10:00:00Z'),
    ...newApplication({ nationality: 'SY', returnCountry: 'SY' }),
    ...fields,
  };
}

const application = caseOf({
  answers: {
    citizenship: 'SY',
    host_country: 'BA',
    sex: 'female',
    accommodation: 'lipa',
    help_wanted: ['job', 'housing'],
    companion_list: [{ relationship: 'child', age: 7, citizenship: 'SY' }],
    medical_needs: true,
    forced_work_or_debt: true,
  },
  personal: { given_names: 'Marker Amina', family_name: 'Markerova', date_of_birth: '1990-12-31', phone: '+38761000000' },
});

describe('/mydata', () => {
  it('has a place for every variable a question stores: listed, kept back as sensitive, or not about the person', () => {
    const placed = new Set([...MY_DATA_FIELDS, ...SENSITIVE_ANSWERS, ...NOT_ABOUT_THE_PERSON]);
    expect(storedVariables(content).filter((name) => !placed.has(name))).toEqual([]);
    for (const name of MY_DATA_FIELDS) expect(translator.has('en', myDataFieldKey(name)), name).toBe(true);
  });

  it('lists every answer with its label and the value in words, and the cases with their status', () => {
    const lines = myDataLines(content, translator, {
      language: 'en',
      consentAt: '2026-11-02T10:00:00.000Z',
      reach: 'wait',
      vars: { track: 'migrant', age: 34, destination_country: 'SY', given_names: 'Marker Amina' },
      cases: [application],
    });
    const text = lines.join('\n');
    expect(lines[0]).toBe('Language: English');
    expect(text).toContain('Agreement to the privacy notice: Yes (2026-11-02)');
    expect(text).toContain('Messages first on this phone: No, wait until I write');
    expect(text).toContain('• First names: Marker Amina');
    expect(text).toContain('• Family name: Markerova');
    expect(text).toContain('• Date of birth: December 31, 1990');
    expect(text).toContain('• Citizenship: Syria');
    expect(text).toContain('• Age: 34');
    expect(text).toContain('• Sex: Female');
    expect(text).toContain('• Where you sleep now: Lipa');
    expect(text).toContain('• Help wanted after return: Finding a job; Housing');
    expect(text).toMatch(/• Who travels with you: .*7.*Syria/);
    expect(text).toContain('• AVR-2026-000042: a counsellor is looking at it');
    expect(text).toContain('What counsellors see:');
    // An answer given once, in the case and the conversation alike, is listed once.
    expect(text.match(/Marker Amina/g)).toHaveLength(1);
  });

  it('never prints a safety or health answer (someone else may hold the phone), but says that they are kept', () => {
    const lines = myDataLines(content, translator, {
      language: 'en',
      consentAt: '2026-11-02T10:00:00.000Z',
      reach: 'push',
      vars: { danger_now: true, fear_of_return: true, pressure: 'family_or_others', returned_from_conflict_zone: true },
      cases: [application],
    });
    const text = lines.join('\n');
    expect(text).toContain(translator.label('en', 'mydata:sensitive_hidden'));
    for (const words of ['danger', 'forced', 'fear', 'medical', 'health help', 'family or other', 'conflict', 'fighting']) {
      expect(text.toLowerCase().split(translator.label('en', 'mydata:sensitive_hidden').toLowerCase()).join('')).not.toContain(words);
    }
  });

  it('says that nothing is stored when nothing is', () => {
    expect(myDataLines(content, translator, { language: 'en', consentAt: null, reach: 'push', vars: {}, cases: [] })).toEqual([
      'Language: English',
      translator.label('en', 'common:data_nothing'),
    ]);
  });

  it('speaks the person’s language: labels, choices, countries and dates', () => {
    const text = myDataLines(content, translator, { language: 'ar', consentAt: '2026-11-02T10:00:00.000Z', reach: 'push', vars: {}, cases: [application] }).join('\n');
    expect(text).toContain(`${translator.label('ar', myDataFieldKey('citizenship'))}: سوريا`);
    expect(text).toContain(`${translator.label('ar', myDataFieldKey('sex'))}: ${translator.label('ar', 'answer:female')}`);
    expect(text).toContain(translator.label('ar', 'mydata:counsellors_see'));
    expect(text).not.toContain('Citizenship');
  });
});

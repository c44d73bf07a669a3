import { describe, expect, it } from 'vitest';
import { appointmentParams, slotLabel } from '../../src/conversation/appointment-text.js';
import type { Slot } from '../../src/conversation/appointment-ports.js';
import { travelParams } from '../../src/conversation/travel-text.js';
import type { TravelPlan } from '../../src/conversation/travel.js';
import { Translator } from '../../src/i18n/translator.js';
import { realContent } from '../support/app.js';

const t = new Translator(realContent());
const startsAt = new Date(Date.UTC(2030, 10, 26, 9, 0));
const slot: Slot = {
  id: 's', startsAt, minutes: 30, mode: 'phone', office: null, languages: ['rom'],
  counsellor: 'c', counsellorName: 'C', timeZone: 'Europe/Belgrade', cancelledAt: null,
};
const plan: TravelPlan = {
  caseId: 'x', departsAt: startsAt, timeZone: 'Europe/Belgrade', meetingPoint: 'Gate 3', escort: '',
  bring: ['travel_document', 'medicines'], confirmedAt: null, problem: null, problemAt: null,
  enteredBy: 'c', updatedAt: startsAt,
};

describe('times and lists about what is arranged', () => {
  it('read in the language CLDR has for the reader (Romani as Serbian Latin), never in English', () => {
    const rom = appointmentParams(t, 'rom', slot, 'Europe/Belgrade').appointment_when;
    const srLatn = appointmentParams(t, 'sr-Latn', slot, 'Europe/Belgrade').appointment_when;
    expect(rom).toBe(srLatn);
    expect(rom).not.toMatch(/Wednesday|November/);
    expect(slotLabel(t, 'rom', slot, 'Europe/Belgrade')).not.toMatch(/Wed|Nov/);
    const bring = travelParams(t, 'rom', plan).travel_bring;
    expect(bring).not.toMatch(/ and /);
  });
});

/** An application as the bot files it after a LIKELY_ELIGIBLE screening, with the fields a test names changed. */
import type { NewCase } from '../../src/conversation/ports.js';

export function newApplication(fields: Partial<NewCase> = {}): NewCase {
  return {
    kind: 'application',
    queue: 'avrr',
    outcome: 'LIKELY_ELIGIBLE',
    urgent: false,
    rules: [],
    route: null,
    rulesVersion: null,
    language: 'en',
    nationality: 'IQ',
    returnCountry: 'IQ',
    hostCountry: 'BA',
    answers: {},
    personal: {},
    ...fields,
  };
}

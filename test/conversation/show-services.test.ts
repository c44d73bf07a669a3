import { describe, expect, it } from 'vitest';
import { showServices } from '../../src/conversation/effects/returns.js';
import type { EffectContext } from '../../src/conversation/effects/types.js';
import { findServices } from '../../src/conversation/directory-from-data.js';
import type { DirectoryEntry } from '../../src/conversation/ports.js';
import { newSession } from '../../src/engine/index.js';
import { Translator } from '../../src/i18n/translator.js';
import { realContent } from '../support/app.js';

const entries: DirectoryEntry[] = [
  { country: 'RS', place: 'Beograd / Belgrade / Београд', name: 'Readmission office', topic: 'readmission', what: 'x', contact: '' },
  { country: 'RS', place: null, name: 'Commissariat', topic: 'returnee_info', what: 'x', contact: '' },
];

/** The effect with only what it reads: parameters, the session's language, the translator, the directory. */
function context(place: string, language: string): EffectContext {
  const partial: Pick<EffectContext, 'params' | 'session' | 'translator' | 'directory' | 'content'> = {
    content: realContent(),
    params: { country: 'RS', place },
    session: newSession(language),
    translator: new Translator(realContent()),
    directory: { find: async (country, at) => findServices(entries, country, at) },
  };
  return partial as EffectContext;
}

describe('show_services', () => {
  it('finds an aliased place in any script and shows it by its first name', async () => {
    for (const typed of ['Belgrade', 'Београд', 'u Beogradu']) {
      const { vars } = await showServices(context(typed, 'sr-Latn'));
      expect(vars['services_list']).toBe(
        '• Readmission office (Beograd): pomoć za državljane vraćene iz inostranstva.\n• Commissariat: informacije za ljude koji su se vratili.',
      );
    }
  });
});

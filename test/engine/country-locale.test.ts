import { describe, expect, it } from 'vitest';
import { newSession, step } from '../../src/engine/index.js';
import type { StepContext } from '../../src/engine/types.js';
import { ctx, flows } from './fixture.js';

const ask = flows([
  `
id: main
start: citizenship
nodes:
  citizenship: { type: input, input: country, text: ask, reask: again, var: citizenship, next: done }
  done: { type: end }
`,
]);

/** A Romani reader: CLDR has no Romani names, so the engine reads the Serbian ones (languages.json `cldr`). */
const romani: StepContext = { ...ctx, languages: ['en', 'rom'], locale: (l) => (l === 'rom' ? 'sr-Latn' : l) };

function answer(text: string, context: StepContext, language = 'rom') {
  const asked = step(ask, newSession(language), { kind: 'text', text: 'hi' }, context).session;
  return step(ask, asked, { kind: 'text', text }, context);
}

describe('countries in a language CLDR does not name', () => {
  it('reads the names of the cldr locale as well as English ones', () => {
    expect(answer('Nemačka', romani).session.vars['citizenship']).toBe('DE');
    expect(answer('Srbija', romani).session.vars['citizenship']).toBe('RS');
    expect(answer('Germany', romani).session.vars['citizenship']).toBe('DE');
  });

  it('without the locale, only the English names are known', () => {
    expect(answer('Švedska', { ...ctx, languages: ['en', 'rom'] }).session.vars['citizenship']).toBeUndefined();
  });

  it('offers candidate countries under the cldr locale\'s names', () => {
    const { events } = answer('Austr', romani);
    const question = events.find((e) => e.type === 'message' && e.choices);
    expect(question?.type === 'message' ? question.choices?.map((c) => c.text) : []).toEqual(expect.arrayContaining(['Austrija', 'Australija']));
  });
});

import { describe, expect, it } from 'vitest';
import type { Language } from '../../src/flow/languages.js';
import { check, fixture, texts, type Fixture } from './fixture.js';

/** The fixture's welcome flow with a language picker offering `tags`, as welcome.yaml does. */
function withPicker(f: Fixture, tags: string[]): Fixture {
  f.flows['welcome'] = {
    spec: 1,
    id: 'welcome',
    start: 'pick',
    nodes: {
      pick: {
        type: 'choice',
        text: 'hello',
        var: 'language_choice',
        choices: tags.map((tag) => ({ id: tag.toLowerCase().replace('-', '_'), label: `common:language_name_${tag.toLowerCase().replace('-', '_')}`, value: tag, next: 'apply' })),
      },
      apply: { type: 'action', action: 'set_language', params: { language: { var: 'language_choice' } }, next: '@menu' },
    },
  };
  return f;
}

const lang = (tag: string): Language => ({ tag, name: tag, english: tag, dir: 'ltr', status: 'draft', hints: [] });

describe('the language picker', () => {
  it('passes when it offers every language of languages.json, in order, under its own name', () => {
    expect(check(withPicker(fixture(), ['en', 'bs', 'ar']))).toEqual([]);
  });

  it('names a language that languages.json lists and the picker lacks', () => {
    const f = withPicker(fixture(), ['en', 'bs', 'ar']);
    // Croatian: the same plural forms as the Bosnian texts it copies.
    f.languages.push(lang('hr'));
    for (const tag of ['en', 'bs', 'ar']) texts(f, tag, 'common')['language_name_hr'] = 'Hrvatski';
    f.locales['hr'] = structuredClone(f.locales['bs']!);
    expect(check(f)).toEqual(['flows/welcome.yaml: node pick: the language picker lacks hr (listed in locales/languages.json)']);
  });

  it('names a language the picker offers that languages.json does not list', () => {
    const f = withPicker(fixture(), ['en', 'bs', 'ar', 'fr']);
    const lines = check(f);
    expect(lines).toContain('flows/welcome.yaml: node pick: the language picker offers fr, not in locales/languages.json');
  });

  it('keeps the order of languages.json and each language under its own name', () => {
    const f = withPicker(fixture(), ['en', 'ar', 'bs']);
    expect(check(f)).toEqual([
      'flows/welcome.yaml: node pick: the language picker lists the languages in another order than locales/languages.json (en bs ar)',
    ]);
    const g = withPicker(fixture(), ['en', 'bs', 'ar']);
    const pick = g.flows['welcome']!.nodes['pick'];
    if (pick?.type !== 'choice') throw new Error('no picker');
    pick.choices[1]!.label = 'common:yes';
    expect(check(g)).toContain('flows/welcome.yaml: node pick: choices.bs.label: a language is shown by its own name, common:language_name_bs');
  });
});

/**
 * The strings a translator works on for one language: every key a migrant may read (not the
 * staff-only namespaces), one per plural form the language has, with the English source, the
 * current translation, where the string is used and its review state.
 */
import type { Content } from '../flow/content.js';
import { localeModel, type Requirement } from '../flow/check-locales.js';
import { pluralCategories, SOURCE_LANGUAGE } from '../flow/check-locale-index.js';
import { BUTTON_LIMIT } from '../flow/check-texts.js';
import { currentState, type ReviewSidecar, type ReviewState } from './review.js';

export interface TranslatableString {
  /** `namespace:key`, the key as written in the file (`case_notice:status.approved`, `files_few`). */
  id: string;
  ns: string;
  key: string;
  source: string;
  /** The current translation, or undefined when there is none (or it is empty). */
  target: string | undefined;
  /** A button label: plain text, at most BUTTON_LIMIT characters. */
  button: boolean;
  /** Where the string is used, for the translator. */
  where: string[];
  state: ReviewState;
}

/**
 * What the program does with the strings of namespaces no flow owns: a translator's context, in
 * English (staff-facing documentation, never shown to a migrant).
 */
const NAMESPACE_USE: Record<string, string> = {
  answer: 'an answer the person chose, repeated in the summary of their application',
  case_notice: 'a message the person gets when a counsellor works on their case',
  case_status: 'the state of an application, inside the sentence "Your application ...: <state>."',
  common: 'shared by every flow: buttons, reminders, the /mydata lines, language names',
  service_topic: 'what a service in the directory does, in the list of services after return',
  telegram: 'Telegram only: the command menu, and replies to photos, files, voice and stickers',
  templates: 'a canned reply a counsellor sends from Slack, in the person\'s language',
  web: 'the web chat page: title, labels of the form, error messages',
};

function whereUsed(ns: string, req: Requirement | undefined): string[] {
  const where = (req?.uses ?? []).map((u) => `${u.file} node ${u.node} (${u.field})`);
  if (req?.system) where.push('sent by the program itself');
  if (where.length === 0 || NAMESPACE_USE[ns]) where.push(NAMESPACE_USE[ns] ?? `shared text (locales/${SOURCE_LANGUAGE}/${ns}.json)`);
  return where;
}

/** The file keys of one entry in a language: the key itself, or one key per plural form. */
function fileKeys(key: string, englishKeys: readonly string[], plural: boolean, tag: string): Array<{ key: string; source: string; form?: string }> {
  if (!plural) return [{ key, source: key }];
  const english = (form: string) => (englishKeys.includes(`${key}_${form}`) ? `${key}_${form}` : `${key}_other`);
  // i18next reads `_zero` in every language when the English text has one.
  const forms = [...(englishKeys.includes(`${key}_zero`) ? ['zero'] : []), ...pluralCategories(tag).filter((f) => f !== 'zero' || !englishKeys.includes(`${key}_zero`))];
  return forms.map((form) => ({ key: `${key}_${form}`, source: english(form), form }));
}

/** Every string of a language, namespaces in file order and keys in the English file's order. */
export function translatableStrings(content: Content, tag: string, review: ReviewSidecar): TranslatableString[] {
  const model = localeModel(content);
  const out: TranslatableString[] = [];
  const namespaces = [...model.expected.keys()].filter((ns) => !model.staff.has(ns)).sort();
  for (const ns of namespaces) {
    const required = model.expected.get(ns);
    const english = model.index.file(SOURCE_LANGUAGE, ns);
    if (!required || !english) continue;
    const target = model.index.file(tag, ns);
    for (const entry of english.values()) {
      const req = required.get(entry.key);
      if (!req) continue;
      const englishKeys = [...entry.texts.keys()];
      const targetTexts = target?.get(entry.key)?.texts;
      for (const { key, source, form } of fileKeys(entry.key, englishKeys, entry.plural, tag)) {
        const sourceText = entry.texts.get(source) ?? '';
        const text = targetTexts?.get(key);
        const id = `${ns}:${key}`;
        const button = model.buttons.has(`${ns}:${entry.key}`);
        const where = whereUsed(ns, req);
        if (form) where.push(`plural form "${form}" of ${ns}:${entry.key} (CLDR rules for ${tag})`);
        if (button) where.push(`a button: plain text, at most ${BUTTON_LIMIT} characters`);
        out.push({
          id,
          ns,
          key,
          source: sourceText,
          target: text === undefined || text.trim() === '' ? undefined : text,
          button,
          where,
          state: text === undefined ? 'draft' : currentState(review.strings[id], sourceText, text),
        });
      }
    }
  }
  return out;
}

/** A small, valid content set built in memory, for mutating in each test. */
import { stringify } from 'yaml';
import { formatIssue, loadContent, type Content, type ContentSource, type Issue } from '../../src/flow/content.js';
import { MY_DATA_FIELDS } from '../../src/flow/data-categories.js';
import type { Language } from '../../src/flow/languages.js';
import type { AppConfig, Flow, FlowNode } from '../../src/flow/schema.js';
import { validateContent } from '../../src/flow/validate.js';

type Texts = Record<string, unknown>;

export interface Fixture {
  app: AppConfig;
  flows: Record<string, Flow>;
  languages: Language[];
  /** Namespaces only staff read (languages.json `staff`). */
  staff?: string[];
  locales: Record<string, Record<string, Texts>>;
}

const common = (yes: string, no: string): Texts => ({
  yes,
  no,
  nav_back: 'Back',
  nav_menu: 'Menu',
  unknown_command: 'No /{{command}} here.',
  reask_choice: 'Please use the buttons.',
  error_apology: 'Sorry.',
  farewell: 'Bye.',
  language_changed: 'Language changed.',
  data_language: 'Language',
  data_consent: 'Consent',
  data_nothing: 'Nothing',
  multi_done: 'Done',
  multi_chosen: 'Chosen: {{selection}}.',
  multi_none: 'Nothing chosen.',
  multi_reask: 'Choose, then Done.',
  share_phone: 'Share my number',
  language_name_en: 'English',
  language_name_bs: 'Bosanski',
  language_name_ar: 'العربية',
});

/** /mydata's texts, which the program sends itself (system keys): the same in every fixture language. */
const mydata = (): Texts => ({
  answers: 'Answers:',
  sensitive_hidden: 'Hidden.',
  cases: 'Cases:',
  reach: 'Reach',
  counsellors_see: 'Counsellors see.',
  field: Object.fromEntries(MY_DATA_FIELDS.map((name) => [name, name])),
});

const lang = (tag: string, dir: 'ltr' | 'rtl'): Language => ({ tag, name: tag, english: tag, dir, status: 'draft', hints: [] });

export function fixture(): Fixture {
  return {
    app: { spec: 1, start: '@welcome', menu: '@menu', commands: { help: '@menu.main', apply: '@intake' }, globals: ['consent'] },
    flows: {
      welcome: { spec: 1, id: 'welcome', start: 'hello', nodes: { hello: { type: 'message', text: 'hello', next: '@menu' } } },
      menu: {
        spec: 1,
        id: 'menu',
        start: 'main',
        nodes: {
          main: {
            type: 'choice',
            text: 'main',
            var: 'picked',
            choices: [
              { id: 'apply', label: 'apply', next: '@intake' },
              { id: 'bye', label: 'bye', next: 'done' },
            ],
          },
          done: { type: 'end', text: 'common:farewell' },
        },
      },
      intake: {
        spec: 1,
        id: 'intake',
        start: 'gate',
        nodes: {
          gate: { type: 'branch', cases: [{ when: { var: 'consent', eq: true }, next: 'ask_age' }], default: 'no_consent' },
          no_consent: { type: 'message', text: 'no_consent', next: '@menu' },
          ask_age: { type: 'input', input: 'number', text: 'ask_age', reask: 'reask_age', var: 'age', next: 'create' },
          create: { type: 'action', action: 'create_case', params: { kind: 'application', urgent: { var: 'consent' } }, next: 'summary' },
          summary: { type: 'message', text: 'summary', next: '@menu' },
        },
      },
    },
    languages: [lang('en', 'ltr'), lang('bs', 'ltr'), lang('ar', 'rtl')],
    locales: {
      en: {
        common: common('Yes', 'No'),
        mydata: mydata(),
        welcome: { hello: 'Hello!' },
        menu: { main: 'What now?', apply: 'Apply', bye: 'Bye' },
        intake: {
          no_consent: 'I need your <b>consent</b> first.',
          ask_age: 'How old are you?',
          reask_age: 'A number, please.',
          summary: 'You are {{age}}. Your reference is <code>{{case_reference}}</code>.',
        },
        templates: { files_one: 'one file', files_other: '{{count}} files', footer: 'Thanks &amp; bye' },
      },
      bs: {
        common: common('Da', 'Ne'),
        mydata: mydata(),
        welcome: { hello: 'Zdravo!' },
        menu: { main: 'Šta sada?', apply: 'Prijava', bye: 'Doviđenja' },
        intake: {
          no_consent: 'Treba mi vaša <b>saglasnost</b>.',
          ask_age: 'Koliko imate godina?',
          reask_age: 'Broj, molim.',
          summary: 'Imate {{age}} godina. Broj predmeta: <code>{{case_reference}}</code>.',
        },
        templates: { files_one: '{{count}} datoteka', files_few: '{{count}} datoteke', files_other: '{{count}} datoteka', footer: 'Hvala' },
      },
      ar: {
        common: common('نعم', 'لا'),
        mydata: mydata(),
        welcome: { hello: 'مرحبا' },
        menu: { main: 'ماذا الآن؟', apply: 'تقديم', bye: 'وداعا' },
        intake: {
          no_consent: 'أحتاج إلى <b>موافقتك</b> أولا.',
          ask_age: 'كم عمرك؟',
          reask_age: 'رقم من فضلك.',
          summary: 'عمرك {{age}}. رقمك <code>{{case_reference}}</code>.',
        },
        templates: {
          files_zero: 'لا ملفات',
          files_one: 'ملف واحد',
          files_two: 'ملفان',
          files_few: '{{count}} ملفات',
          files_many: '{{count}} ملفا',
          files_other: '{{count}} ملف',
          footer: 'شكرا',
        },
      },
    },
  };
}

export function toSource(f: Fixture): ContentSource {
  const flows: Record<string, string> = { 'flows/app.yaml': stringify(f.app) };
  for (const [name, flow] of Object.entries(f.flows)) flows[`flows/${name}.yaml`] = stringify(flow);
  const locales: ContentSource['locales'] = {};
  for (const [tag, namespaces] of Object.entries(f.locales)) {
    locales[tag] = Object.fromEntries(Object.entries(namespaces).map(([ns, texts]) => [ns, JSON.stringify(texts)]));
  }
  return { flows, languages: JSON.stringify({ source: 'en', staff: f.staff ?? [], languages: f.languages }), locales };
}

/** Loads a fixture (its shape must be valid) into Content. */
export function load(f: Fixture): Content {
  const { content, issues } = loadContent(toSource(f));
  if (!content) throw new Error(`fixture does not load:\n${issues.map(formatIssue).join('\n')}`);
  return content;
}

/** The second pass over a fixture, as formatted lines. */
export function check(f: Fixture): string[] {
  return validateContent(load(f)).map((i: Issue) => formatIssue(i));
}

export function flow(f: Fixture, id: string): Flow {
  const found = f.flows[id];
  if (!found) throw new Error(`no flow ${id} in the fixture`);
  return found;
}

export function node<T extends FlowNode['type']>(f: Fixture, flowId: string, id: string, type: T): Extract<FlowNode, { type: T }> {
  const found = flow(f, flowId).nodes[id];
  if (found?.type !== type) throw new Error(`no ${type} node ${flowId}.${id} in the fixture`);
  return found as Extract<FlowNode, { type: T }>;
}

export function texts(f: Fixture, tag: string, ns: string): Texts {
  const found = f.locales[tag]?.[ns];
  if (!found) throw new Error(`no locales/${tag}/${ns}.json in the fixture`);
  return found;
}

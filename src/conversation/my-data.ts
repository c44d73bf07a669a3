/**
 * `/mydata`: everything stored about the person, as plain lines in their language. Each answer is
 * shown with its label and the value in words (a choice's own button label, a country's name, a
 * date in the reader's format); answers about safety and health are counted, not printed, because
 * someone else may be holding the phone.
 */
import { qualify } from '../engine/step.js';
import { MY_DATA_FIELDS, isSensitiveAnswer, myDataFieldKey } from '../flow/data-categories.js';
import type { FlowSet, Item, Value } from '../flow/schema.js';
import { languageNameKey } from '../flow/system-keys.js';
import type { Translator } from '../i18n/translator.js';
import type { Reach } from './contact-reach.js';
import type { CaseRecord } from './ports.js';

/** How the flows ask for a variable: the labels of its choices, or the kind of input. */
interface FieldShape {
  choices: Map<string, string>;
  input: string | null;
}

const shapes = new WeakMap<FlowSet, Map<string, FieldShape>>();

/** Every variable a question stores, with the label key of each choice's value, read from the flows once. */
function fieldShapes(flows: FlowSet): Map<string, FieldShape> {
  const known = shapes.get(flows);
  if (known) return known;
  const found = new Map<string, FieldShape>();
  const shape = (name: string): FieldShape => {
    let s = found.get(name);
    if (!s) found.set(name, (s = { choices: new Map(), input: null }));
    return s;
  };
  for (const flow of flows.flows.values()) {
    for (const node of Object.values(flow.nodes)) {
      if (node.type === 'choice' && node.var) {
        const s = shape(node.var);
        for (const c of node.choices) s.choices.set(String(c.value ?? c.id), qualify(flow, c.label));
      } else if (node.type === 'input') {
        shape(node.var).input = node.input;
      }
    }
  }
  shapes.set(flows, found);
  return found;
}

/** The variables the flows' questions store (for the test that every one has a place in /mydata). */
export function storedVariables(flows: FlowSet): string[] {
  return [...fieldShapes(flows).keys()];
}

export interface MyDataInput {
  language: string;
  consentAt: string | null;
  reach: Reach;
  /** The answers of the conversation under way. */
  vars: Readonly<Record<string, Value>>;
  /** The person's cases, newest first. */
  cases: readonly CaseRecord[];
}

export function myDataLines(flows: FlowSet, t: Translator, input: MyDataInput): string[] {
  const lang = input.language;
  const label = (key: string, params?: Record<string, Value>): string => t.label(lang, key, params);
  const shapesByName = fieldShapes(flows);

  function words(name: string, value: Value): string {
    if (value === null || value === '') return '';
    if (Array.isArray(value)) {
      return value
        .map((v: Value | Item) => (v !== null && typeof v === 'object' && !Array.isArray(v) ? label('application:companion_line', v) : words(name, v)))
        .filter(Boolean)
        .join('; ');
    }
    const shape = shapesByName.get(name);
    const choice = typeof value === 'string' ? shape?.choices.get(value) : undefined;
    if (choice) return label(choice);
    return t.words(lang, value, shape?.input === 'country' || shape?.input === 'date' ? shape.input : 'answer');
  }

  // Oldest first: what the cases were sent with, then the conversation under way.
  const sources: Array<Readonly<Record<string, Value>>> = [...input.cases].reverse().flatMap((c) => [c.answers, c.personal]);
  sources.push(input.vars);
  const answers: string[] = [];
  for (const name of MY_DATA_FIELDS) {
    const values = [...new Set(sources.map((s) => words(name, s[name] ?? null)).filter(Boolean))];
    if (values.length > 0) answers.push(`• ${label(myDataFieldKey(name))}: ${values.join(' / ')}`);
  }
  const sensitive = sources.some((s) => Object.entries(s).some(([name, v]) => isSensitiveAnswer(name) && v !== null && v !== ''));

  const lines = [`${label('common:data_language')}: ${label(languageNameKey(lang))}`];
  if (input.consentAt) lines.push(`${label('common:data_consent')}: ${label('common:yes')} (${input.consentAt.slice(0, 10)})`);
  // The phone setting is stored once the person chose it (or agreed to the notice, which sets it).
  if (input.consentAt || input.reach !== 'push') lines.push(`${label('mydata:reach')}: ${label(`notifications:${input.reach}`)}`);
  if (lines.length === 1 && answers.length === 0 && !sensitive && input.cases.length === 0) return [...lines, label('common:data_nothing')];
  if (answers.length > 0 || sensitive) lines.push('', label('mydata:answers'), ...answers);
  if (sensitive) lines.push(label('mydata:sensitive_hidden'));
  if (input.cases.length > 0) {
    lines.push('', label('mydata:cases'), ...input.cases.map((c) => `• ${c.reference}: ${label(`case_status:${c.status}`)}`));
  }
  lines.push('', label('mydata:counsellors_see'));
  return lines;
}

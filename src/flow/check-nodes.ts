/** Checks inside one node that the shape schema cannot express. */
import { actionParams } from './actions.js';
import type { Content, Issue } from './content.js';
import { MULTI_DONE, type ChoiceNode, type Flow } from './schema.js';
import { languageNameKey } from './system-keys.js';

/**
 * A language picker (a choice whose variable a `set_language` action reads) offers exactly the
 * languages of locales/languages.json, in its order, each under its own name: the list is written
 * out in the flow, so adding a language there without the flow (or the other way) is caught.
 */
function checkPickers(flow: Flow, file: string, content: Content): Issue[] {
  const issues: Issue[] = [];
  const read = new Set<string>();
  for (const def of Object.values(flow.nodes)) {
    const language = def.type === 'action' && def.action === 'set_language' ? def.params?.['language'] : undefined;
    if (language && typeof language === 'object' && 'var' in language) read.add(language.var);
  }
  const listed = content.languages.map((l) => l.tag);
  for (const [node, def] of Object.entries(flow.nodes)) {
    if (def.type !== 'choice' || !def.var || !read.has(def.var)) continue;
    const offered = def.choices.map((c) => String(c.value ?? c.id));
    const unknown = offered.filter((tag) => !listed.includes(tag));
    const missing = listed.filter((tag) => !offered.includes(tag));
    if (unknown.length) issues.push({ file, node, message: `the language picker offers ${unknown.join(', ')}, not in locales/languages.json` });
    if (missing.length) issues.push({ file, node, message: `the language picker lacks ${missing.join(', ')} (listed in locales/languages.json)` });
    if (!unknown.length && !missing.length && offered.join() !== listed.join()) {
      issues.push({ file, node, message: `the language picker lists the languages in another order than locales/languages.json (${listed.join(' ')})` });
    }
    for (const c of def.choices) {
      const tag = String(c.value ?? c.id);
      const want = languageNameKey(tag);
      if (listed.includes(tag) && c.label !== want) issues.push({ file, node, message: `choices.${c.id}.label: a language is shown by its own name, ${want}` });
    }
  }
  return issues;
}

/** One answer leads on from each choice; several from the node, with a "done" button. */
function checkChoice(def: ChoiceNode): string[] {
  const problems: string[] = [];
  if (def.multiple) {
    if (def.next === undefined) problems.push('next: a multiple choice goes on from its own `next`');
    if (def.var === undefined) problems.push('var: a multiple choice keeps the chosen values in a variable');
    for (const c of def.choices) {
      if (c.next !== undefined) problems.push(`choices.${c.id}.next: in a multiple choice only the node has a \`next\``);
      if (c.id === MULTI_DONE) problems.push(`choices.${c.id}: "${MULTI_DONE}" is the finishing button's id`);
    }
    if ((def.min ?? 0) > def.choices.length) problems.push(`min: more than the ${def.choices.length} choices`);
  } else {
    for (const field of ['next', 'done', 'min'] as const) {
      if (def[field] !== undefined) problems.push(`${field}: only a multiple choice (\`multiple: true\`) has it`);
    }
    for (const c of def.choices) {
      if (c.next === undefined) problems.push(`choices.${c.id}.next: where does this choice lead?`);
      if (c.exclusive !== undefined) problems.push(`choices.${c.id}.exclusive: only in a multiple choice`);
    }
  }
  return problems;
}

export function checkNodes(content: Content): Issue[] {
  const issues: Issue[] = [];
  const tags = new Set(content.languages.map((l) => l.tag));
  for (const [flowId, flow] of content.flows) {
    const file = content.files.get(flowId) ?? flowId;
    issues.push(...checkPickers(flow, file, content));
    for (const [node, def] of Object.entries(flow.nodes)) {
      if (def.type === 'choice') {
        const seen = new Set<string>();
        for (const c of def.choices) {
          if (seen.has(c.id)) issues.push({ file, node, message: `choices: the id "${c.id}" is used twice` });
          seen.add(c.id);
        }
        issues.push(...checkChoice(def).map((message) => ({ file, node, message })));
      }
      if (def.type === 'repeat') {
        const vars = Object.values(def.fields);
        if (new Set(vars).size !== vars.length) issues.push({ file, node, message: 'fields: two fields name the same variable' });
        for (const name of [def.list, def.index, def.count]) {
          if (vars.includes(name)) issues.push({ file, node, message: `fields: "${name}" is also the repeat's count, list or index` });
        }
      }
      if (def.type === 'input' && (def.input === 'option') !== (def.options !== undefined)) {
        issues.push({ file, node, message: def.input === 'option' ? 'options: an option question names the variables that hold its options' : `options: only an option question has options (this one is ${def.input})` });
      }
      if (def.type === 'action') {
        const spec = actionParams[def.action];
        const given = def.params ?? {};
        for (const name of Object.keys(given)) {
          if (!spec.allowed.includes(name)) {
            const allowed = spec.allowed.length ? `it takes ${spec.allowed.join(', ')}` : 'it takes none';
            issues.push({ file, node, message: `params.${name}: ${def.action} has no parameter "${name}" (${allowed})` });
          }
        }
        for (const name of spec.required) {
          if (!(name in given)) issues.push({ file, node, message: `params: ${def.action} needs "${name}"` });
        }
        const language = given['language'];
        if (def.action === 'set_language' && typeof language === 'string' && !tags.has(language)) {
          issues.push({ file, node, message: `params.language: "${language}" is not in locales/languages.json` });
        }
      }
    }
  }
  return issues;
}

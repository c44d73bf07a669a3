/** Checks inside one node that the shape schema cannot express. */
import { actionParams } from './actions.js';
import type { Content, Issue } from './content.js';
import { MULTI_DONE, type ChoiceNode } from './schema.js';

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

/** Checks inside one node that the shape schema cannot express. */
import { actionParams } from './actions.js';
import type { Content, Issue } from './content.js';

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

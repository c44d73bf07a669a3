/** Checks inside one node that the shape schema cannot express. */
import { actionParams } from './actions.js';
import type { Content, Issue } from './content.js';
import type { Flow } from './schema.js';
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

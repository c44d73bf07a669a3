/**
 * The second pass over loaded content (the first, loadContent, checks each file's shape): the
 * graph of flows and the translations. Every issue names its file, and its node when it has one.
 */
import type { Content, Issue } from './content.js';
import { buildGraph, checkReachability } from './check-graph.js';
import { entryPlaceholders, SOURCE_LANGUAGE } from './check-locale-index.js';
import { checkLocales, localeModel } from './check-locales.js';
import { checkNodes } from './check-nodes.js';
import { checkTexts } from './check-texts.js';
import { checkVariables } from './check-vars.js';
import { splitKey } from './check-keys.js';

export { coverage, type LanguageCoverage } from './validate-coverage.js';

/** Checks targets, reachability, variables, node details and translations; [] when all is well. */
export function validateContent(content: Content): Issue[] {
  const issues: Issue[] = [];
  const graph = buildGraph(content, issues);
  const model = localeModel(content);
  // Placeholders are read from the English text: a translation must use the same ones (checked below).
  const textVars = (qualified: string): Iterable<string> => {
    const { ns, key } = splitKey(qualified);
    const entry = model.index.get(SOURCE_LANGUAGE, ns, key);
    return entry ? entryPlaceholders(entry) : [];
  };
  issues.push(
    ...checkReachability(content, graph),
    ...checkNodes(content),
    ...checkVariables(content, graph, textVars),
    ...checkLocales(content, model),
    ...checkTexts(content, model),
  );
  return issues;
}

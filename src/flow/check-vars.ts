/**
 * Variables read before they are set: a forward "definitely set" analysis over the whole graph.
 * A variable is set at a node when every path from an entry to it sets it (intersection at joins),
 * iterated to a fixed point so loops are handled. "Back" navigation is ignored.
 */
import { readsOf } from './conditions.js';
import type { Content, Issue } from './content.js';
import type { Graph, GraphNode } from './check-graph.js';
import { impliedFalse } from './check-graph.js';
import { keysSentBy } from './check-keys.js';
import type { Operand } from './schema.js';

export interface Read {
  name: string;
  /** Where it is read: `cases.0.when`, `params.kind`, `text "ns:key"`. */
  field: string;
  /** Variables set at this point beyond what holds on entering the node (earlier assignments...). */
  also: readonly string[];
}

const varOf = (o: Operand): string[] => (o !== null && typeof o === 'object' ? [o.var] : []);

/** What a node reads; `textVars(key)` gives the variables a (fully qualified) locale key interpolates. */
export function readsOfNode(node: GraphNode, textVars: (key: string) => Iterable<string>): Read[] {
  const def = node.def;
  const reads: Read[] = [];
  for (const sent of keysSentBy(node.flow, def)) {
    for (const name of textVars(sent.key)) reads.push({ name, field: `${sent.field} "${sent.key}"`, also: [] });
  }
  if (def.type === 'set') {
    // Assignments run in order, so a later one may read an earlier one.
    const done: string[] = [];
    for (const [name, operand] of Object.entries(def.assign)) {
      for (const v of varOf(operand)) reads.push({ name: v, field: `assign.${name}`, also: [...done] });
      done.push(name);
    }
  } else if (def.type === 'branch') {
    const failed: string[] = [];
    def.cases.forEach((c, i) => {
      for (const v of readsOf(c.when)) reads.push({ name: v, field: `cases.${i}.when`, also: [...failed] });
      failed.push(...impliedFalse(c.when));
    });
  } else if (def.type === 'repeat') {
    reads.push({ name: def.count, field: 'count', also: [] });
  } else if (def.type === 'input' && def.options) {
    // The action before it sets every option (empty when it has fewer): they must all be set.
    def.options.forEach((name, i) => reads.push({ name, field: `options.${i}`, also: [] }));
  } else if (def.type === 'action') {
    for (const [name, operand] of Object.entries(def.params ?? {})) {
      for (const v of varOf(operand)) reads.push({ name: v, field: `params.${name}`, also: [] });
    }
  }
  return reads;
}

/** The variables definitely set on entering each reachable node (unreached nodes are absent). */
export function definitelySet(content: Content, graph: Graph): Map<string, ReadonlySet<string>> {
  const state = new Map<string, Set<string>>();
  const queue: string[] = [];
  const merge = (to: string, incoming: Iterable<string>): void => {
    const current = state.get(to);
    const next = new Set(incoming);
    if (current) {
      const met = new Set([...current].filter((v) => next.has(v)));
      if (met.size === current.size) return;
      state.set(to, met);
    } else state.set(to, next);
    queue.push(to);
  };
  for (const entry of graph.entries) merge(entry.to, content.app.globals);
  for (let key = queue.pop(); key !== undefined; key = queue.pop()) {
    const node = graph.nodes.get(key);
    const here = state.get(key);
    if (!node || !here) continue;
    for (const edge of node.edges) merge(edge.to, [...here, ...edge.sets]);
  }
  return state;
}

/** How an entry point reads in a path: `/status` for a command, `app.yaml menu` for the others. */
function entryLabel(field: string): string {
  return field.startsWith('commands.') ? `/${field.slice('commands.'.length)}` : `app.yaml ${field}`;
}

/** A shortest path from an entry to `target` on which `name` is never set, for the error message. */
function witness(graph: Graph, target: string, name: string): string | undefined {
  const parent = new Map<string, string>();
  const queue: string[] = [];
  for (const e of graph.entries) {
    if (!parent.has(e.to)) {
      parent.set(e.to, entryLabel(e.field));
      queue.push(e.to);
    }
  }
  for (let key = queue.shift(); key !== undefined; key = queue.shift()) {
    if (key === target) {
      const path: string[] = [];
      for (let k: string | undefined = key; k !== undefined; k = graph.nodes.has(k) ? parent.get(k) : undefined) path.unshift(k);
      const shown = path.length > 8 ? [...path.slice(0, 3), '…', ...path.slice(-4)] : path;
      return shown.join(' → ');
    }
    for (const edge of graph.nodes.get(key)?.edges ?? []) {
      if (edge.sets.includes(name) || parent.has(edge.to)) continue;
      parent.set(edge.to, key);
      queue.push(edge.to);
    }
  }
  return undefined;
}

/** Every read of a variable that some path reaches without setting it. */
export function checkVariables(content: Content, graph: Graph, textVars: (key: string) => Iterable<string>): Issue[] {
  const globals = new Set(content.app.globals);
  const state = definitelySet(content, graph);
  const issues: Issue[] = [];
  for (const [key, node] of graph.nodes) {
    const set = state.get(key);
    if (!set) continue;
    const reported = new Set<string>();
    for (const read of readsOfNode(node, textVars)) {
      if (set.has(read.name) || read.also.includes(read.name) || reported.has(`${read.field}/${read.name}`)) continue;
      reported.add(`${read.field}/${read.name}`);
      const path = globals.has(read.name) ? undefined : witness(graph, key, read.name);
      issues.push({
        file: node.file,
        node: node.id,
        message: `${read.field} reads "${read.name}", which is not set on every path to this node${path ? ` (e.g. ${path})` : ''}`,
      });
    }
  }
  return issues;
}

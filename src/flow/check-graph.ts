/**
 * The flows as one graph across files: every target resolved, each edge labelled with the
 * variables it sets. Reports dangling targets and nodes or flows nothing leads to.
 */
import { actionOutputs } from './actions.js';
import { APP_FILE, type Content, type Issue } from './content.js';
import type { Condition, Flow, FlowNode } from './schema.js';

export interface Edge {
  /** `flow.node` of the target. */
  to: string;
  /** Where the target is written (`next`, `choices.yes.next`, `cases.0.next`, `default`). */
  field: string;
  /** Variables certainly set when this edge is taken. */
  sets: readonly string[];
}

export interface GraphNode {
  /** `flow.node`. */
  key: string;
  id: string;
  flow: Flow;
  def: FlowNode;
  file: string;
  edges: Edge[];
}

export interface Graph {
  nodes: ReadonlyMap<string, GraphNode>;
  /** Where conversations enter: app.yaml start, menu and commands (resolved). */
  entries: ReadonlyArray<{ to: string; field: string }>;
}

/** Variables that certainly have a value when `c` holds (a missing variable is null, see holds()). */
export function impliedTrue(c: Condition): string[] {
  if ('all' in c) return c.all.flatMap(impliedTrue);
  if ('any' in c) return intersect(c.any.map(impliedTrue));
  if ('not' in c) return impliedFalse(c.not);
  if (c.set === true) return [c.var];
  if (c.eq !== undefined) return c.eq === null || typeof c.eq === 'object' ? [] : [c.var];
  if (c.in !== undefined) return c.in.includes(null) ? [] : [c.var];
  // Ordering compares only two numbers or two strings, so both sides have values.
  const ordered = c.lt ?? c.lte ?? c.gt ?? c.gte;
  if (ordered === undefined) return [];
  return ordered !== null && typeof ordered === 'object' ? [c.var, ordered.var] : [c.var];
}

/** Variables that certainly have a value when `c` does not hold. */
export function impliedFalse(c: Condition): string[] {
  if ('all' in c) return intersect(c.all.map(impliedFalse));
  if ('any' in c) return c.any.flatMap(impliedFalse);
  if ('not' in c) return impliedTrue(c.not);
  if (c.set === false || c.eq === null) return [c.var];
  // `ne: 'x'` fails only when the variable is 'x'.
  if (c.ne !== undefined) return c.ne === null || typeof c.ne === 'object' ? [] : [c.var];
  if (c.not_in !== undefined) return c.not_in.includes(null) ? [] : [c.var];
  return [];
}

function intersect(sets: string[][]): string[] {
  const [first, ...rest] = sets;
  return (first ?? []).filter((v) => rest.every((s) => s.includes(v)));
}

interface Target {
  field: string;
  target: string;
  sets: readonly string[];
}

function targetsOf(node: FlowNode): Target[] {
  switch (node.type) {
    case 'message':
    case 'goto':
      return node.next === undefined ? [] : [{ field: 'next', target: node.next, sets: [] }];
    case 'choice': {
      const sets = node.var ? [node.var] : [];
      // A multiple choice goes on from `next`; check-nodes reports choices that name their own.
      if (node.multiple) return node.next === undefined ? [] : [{ field: 'next', target: node.next, sets }];
      return node.choices.flatMap((c) => (c.next === undefined ? [] : [{ field: `choices.${c.id}.next`, target: c.next, sets }]));
    }
    case 'input':
      return [{ field: 'next', target: node.next, sets: [node.var] }];
    case 'set':
      return [{ field: 'next', target: node.next, sets: Object.keys(node.assign) }];
    case 'branch': {
      const failed: string[] = [];
      const out: Target[] = [];
      node.cases.forEach((c, i) => {
        out.push({ field: `cases.${i}.next`, target: c.next, sets: [...failed, ...impliedTrue(c.when)] });
        failed.push(...impliedFalse(c.when));
      });
      return [...out, { field: 'default', target: node.default, sets: failed }];
    }
    case 'repeat':
      return [
        { field: 'body', target: node.body, sets: [node.list, node.index] },
        { field: 'next', target: node.next, sets: [node.list] },
      ];
    case 'action':
      return node.next === undefined ? [] : [{ field: 'next', target: node.next, sets: actionOutputs[node.action] }];
    case 'end':
      return [];
    default: {
      const unknown: never = node;
      return unknown;
    }
  }
}

/** Resolves a target to `flow.node`, or explains why it does not resolve. */
function resolve(content: Content, fromFlow: string | null, target: string): { key: string } | { error: string } {
  if (!target.startsWith('@')) {
    if (fromFlow === null) return { error: `"${target}" must be "@flow" or "@flow.node"` };
    const flow = content.flows.get(fromFlow);
    return flow?.nodes[target] ? { key: `${fromFlow}.${target}` } : { error: `no node "${target}" in this flow` };
  }
  const [flowId = '', nodeId] = target.slice(1).split('.', 2);
  const flow = content.flows.get(flowId);
  if (!flow) return { error: `"${target}": there is no flow "${flowId}"` };
  const node = nodeId ?? flow.start;
  if (!flow.nodes[node]) {
    return { error: nodeId ? `"${target}": flow "${flowId}" has no node "${nodeId}"` : `"${target}": the start of flow "${flowId}" is missing` };
  }
  return { key: `${flowId}.${node}` };
}

/** Builds the graph; pushes an issue for every target that does not resolve. */
export function buildGraph(content: Content, issues: Issue[]): Graph {
  const nodes = new Map<string, GraphNode>();
  for (const [flowId, flow] of content.flows) {
    const file = content.files.get(flowId) ?? flowId;
    if (!flow.nodes[flow.start]) issues.push({ file, message: `start: no node "${flow.start}" in this flow` });
    for (const [id, def] of Object.entries(flow.nodes)) {
      const edges: Edge[] = [];
      for (const t of targetsOf(def)) {
        const r = resolve(content, flowId, t.target);
        if ('error' in r) issues.push({ file, node: id, message: `${t.field}: ${r.error}` });
        else edges.push({ to: r.key, field: t.field, sets: t.sets });
      }
      nodes.set(`${flowId}.${id}`, { key: `${flowId}.${id}`, id, flow, def, file, edges });
    }
  }
  const entries: Array<{ to: string; field: string }> = [];
  const app = content.app;
  const appTargets = [
    { field: 'start', target: app.start },
    { field: 'menu', target: app.menu },
    ...Object.entries(app.commands).map(([name, target]) => ({ field: `commands.${name}`, target })),
  ];
  for (const { field, target } of appTargets) {
    const r = resolve(content, null, target);
    if ('error' in r) issues.push({ file: APP_FILE, message: `${field}: ${r.error}` });
    else entries.push({ to: r.key, field });
  }
  return { nodes, entries };
}

/** Node keys reachable from the entries. */
export function reachable(graph: Graph): Set<string> {
  const seen = new Set<string>();
  const queue = graph.entries.map((e) => e.to);
  for (let key = queue.shift(); key !== undefined; key = queue.shift()) {
    if (seen.has(key)) continue;
    seen.add(key);
    for (const edge of graph.nodes.get(key)?.edges ?? []) queue.push(edge.to);
  }
  return seen;
}

/** A flow nothing enters, and nodes no path from an entry leads to. */
export function checkReachability(content: Content, graph: Graph): Issue[] {
  const seen = reachable(graph);
  const issues: Issue[] = [];
  for (const [flowId, flow] of content.flows) {
    const file = content.files.get(flowId) ?? flowId;
    const ids = Object.keys(flow.nodes);
    if (!ids.some((id) => seen.has(`${flowId}.${id}`))) {
      issues.push({ file, message: `flow "${flowId}" is never entered: no entry in ${APP_FILE} and no "@${flowId}" target in a reachable flow` });
      continue;
    }
    for (const id of ids) {
      if (!seen.has(`${flowId}.${id}`)) issues.push({ file, node: id, message: 'unreachable: no path from an entry point leads here' });
    }
  }
  return issues;
}

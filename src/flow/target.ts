/** A resolved place in the flows: which flow, which node. */
export interface NodeRef {
  flow: string;
  node: string;
}

/** Resolves a `next` target written inside `fromFlow` ("node", "@flow" or "@flow.node"). */
export function resolveTarget(fromFlow: string, target: string, startOf: (flow: string) => string | undefined): NodeRef | undefined {
  if (!target.startsWith('@')) return { flow: fromFlow, node: target };
  const [flow, node] = target.slice(1).split('.', 2) as [string, string | undefined];
  const resolved = node ?? startOf(flow);
  return resolved === undefined ? undefined : { flow, node: resolved };
}

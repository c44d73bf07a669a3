/** Which locale keys each node sends, fully qualified (`namespace:key`). */
import type { Content } from './content.js';
import type { Flow, FlowNode } from './schema.js';

export interface KeyUse {
  /** `namespace:key`. */
  key: string;
  file: string;
  node: string;
  /** Where in the node: `text`, `reask`, `choices.yes.label`. */
  field: string;
  /** Shown on a button: plain text, short. */
  button: boolean;
}

/** The namespace a flow's unqualified keys live in. */
export function namespaceOf(flow: Flow): string {
  return flow.namespace ?? flow.id;
}

/** `ns:key` -> { ns, key }. */
export function splitKey(qualified: string): { ns: string; key: string } {
  const at = qualified.indexOf(':');
  return { ns: qualified.slice(0, at), key: qualified.slice(at + 1) };
}

/** The keys one node sends, with the field naming each. */
export function keysSentBy(flow: Flow, node: FlowNode): Array<Omit<KeyUse, 'file' | 'node'>> {
  const q = (key: string): string => (key.includes(':') ? key : `${namespaceOf(flow)}:${key}`);
  const text = (field: string, key: string | undefined) => (key === undefined ? [] : [{ key: q(key), field, button: false }]);
  switch (node.type) {
    case 'message':
      return text('text', node.text);
    case 'choice':
      return [
        ...text('text', node.text),
        ...text('reask', node.reask),
        ...node.choices.map((c) => ({ key: q(c.label), field: `choices.${c.id}.label`, button: true })),
        ...(node.multiple ? [{ key: q(node.done ?? 'common:multi_done'), field: 'done', button: true }] : []),
      ];
    case 'input':
      return [...text('text', node.text), ...text('reask', node.reask)];
    case 'end':
      return text('text', node.text);
    case 'set':
    case 'branch':
    case 'goto':
    case 'repeat':
    case 'action':
      return [];
    default: {
      const unknown: never = node;
      return unknown;
    }
  }
}

/** Every key any node of any flow sends. */
export function keyUses(content: Content): KeyUse[] {
  const uses: KeyUse[] = [];
  for (const [flowId, flow] of content.flows) {
    const file = content.files.get(flowId) ?? flowId;
    for (const [node, def] of Object.entries(flow.nodes)) {
      for (const use of keysSentBy(flow, def)) uses.push({ ...use, file, node });
    }
  }
  return uses;
}

import { parse } from 'yaml';
import { appConfigSchema, flowSchema, type Flow } from '../../src/flow/schema.js';
import type { FlowSet, StepContext } from '../../src/engine/types.js';

/** Builds a FlowSet from inline YAML flows; app defaults to start=@main, menu=@main. */
export function flows(docs: string[], app: Record<string, unknown> = {}): FlowSet {
  const map = new Map<string, Flow>();
  for (const doc of docs) {
    const flow = flowSchema.parse({ spec: 1, ...(parse(doc) as object) });
    map.set(flow.id, flow);
  }
  return {
    app: appConfigSchema.parse({ spec: 1, start: '@main', menu: '@main', commands: { menu: '@main' }, globals: [], ...app }),
    flows: map,
  };
}

const labels: Record<string, string> = { 'common:yes': 'Yes', 'common:no': 'No', 'main:red_label': 'Red' };

export const ctx: StepContext = {
  now: new Date('2026-11-23T10:00:00Z'),
  languages: ['en', 'ar'],
  label: (_lang, key) => labels[key] ?? key,
};

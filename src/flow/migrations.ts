/**
 * Forward migrations of the flow file format. When the format changes, bump CURRENT_SPEC in
 * schema.ts and add `from: N` here turning a spec-N document into spec N+1, with a before/after
 * fixture in test/flow-migrations/. Files are migrated in memory on load; `npm run flows:migrate`
 * rewrites them on disk.
 */
import { CURRENT_SPEC } from './schema.js';

type Doc = Record<string, unknown>;

export interface Migration {
  from: number;
  describe: string;
  up(doc: Doc): Doc;
}

/** Registered migrations, oldest first. Spec 1 is the first format, so there are none yet. */
export const migrations: Migration[] = [];

/** Brings a parsed flow document up to the current spec; throws on a spec from the future. */
export function migrate(doc: Doc, list: readonly Migration[] = migrations, target = CURRENT_SPEC): Doc {
  let current = doc;
  let spec = typeof current['spec'] === 'number' ? current['spec'] : 1;
  if (spec > target) throw new Error(`spec ${spec} is newer than this program understands (${target})`);
  while (spec < target) {
    const migration = list.find((m) => m.from === spec);
    if (!migration) throw new Error(`no migration from spec ${spec}`);
    current = { ...migration.up(current), spec: spec + 1 };
    spec += 1;
  }
  return current;
}

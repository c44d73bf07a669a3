import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { migrate, migrations, type Migration } from '../../src/flow/migrations.js';
import { CURRENT_SPEC } from '../../src/flow/schema.js';

const dir = join(import.meta.dirname, '..', 'flow-migrations');
const read = (name: string): Record<string, unknown> => parse(readFileSync(join(dir, name), 'utf8')) as Record<string, unknown>;

// An example of the kind of change a migration makes: a renamed field on one node type.
const renameMaxLength: Migration = {
  from: 1,
  describe: 'input nodes: maxLength -> max_length',
  up(doc) {
    const nodes = (doc['nodes'] ?? {}) as Record<string, Record<string, unknown>>;
    for (const node of Object.values(nodes)) {
      if ('maxLength' in node) {
        node['max_length'] = node['maxLength'];
        delete node['maxLength'];
      }
    }
    return doc;
  },
};

describe('flow spec migrations', () => {
  it('turns each before-fixture into its after-fixture', () => {
    expect(migrate(read('example-1-to-2.before.yaml'), [renameMaxLength], 2)).toEqual(read('example-1-to-2.after.yaml'));
  });

  it('leaves a current document as it is', () => {
    const doc = { spec: CURRENT_SPEC, id: 'x' };
    expect(migrate(doc)).toEqual(doc);
  });

  it('refuses a document from a newer program, and a gap in the chain', () => {
    expect(() => migrate({ spec: CURRENT_SPEC + 1 })).toThrow(/newer/);
    expect(() => migrate({ spec: 1 }, [], 2)).toThrow(/no migration from spec 1/);
  });

  it('has one registered migration per spec step up to the current one', () => {
    expect(migrations.map((m) => m.from)).toEqual(Array.from({ length: CURRENT_SPEC - 1 }, (_, i) => i + 1));
  });
});

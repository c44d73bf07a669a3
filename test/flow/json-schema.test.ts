import { describe, expect, it } from 'vitest';
import { jsonSchemaOf, jsonSchemaText, schemaFiles, type SchemaFile } from '../../src/flow/json-schema.js';

describe('JSON Schemas from the zod schemas', () => {
  it('describes every node type and the recursive condition', () => {
    const schema = jsonSchemaOf('flows/flow.schema.json');
    expect(schema['$schema']).toBe('http://json-schema.org/draft-07/schema#');
    const nodes = (schema['properties'] as Record<string, Record<string, Record<string, unknown[]>>>)['nodes']!;
    const types = nodes['additionalProperties']!['oneOf']!.map((n) => (n as { properties: { type: { const: string } } }).properties.type.const);
    expect(types).toEqual(['message', 'choice', 'input', 'set', 'branch', 'goto', 'repeat', 'action', 'end']);
    expect(Object.keys(schema['definitions'] as object)).toEqual(['condition']);
    expect(JSON.stringify(schema)).toContain('"$ref":"#/definitions/condition"');
    // one operator per comparison (a refine in zod)
    expect(JSON.stringify(schema)).toContain('"minProperties":2,"maxProperties":2');
  });

  it('describes input, so defaulted fields are optional', () => {
    const schema = JSON.stringify(jsonSchemaOf('locales/languages.schema.json'));
    expect(schema).toContain('"required":["tag","name","english","dir","status"]');
  });

  it('is stable text with a trailing newline', () => {
    for (const file of Object.keys(schemaFiles) as SchemaFile[]) {
      const text = jsonSchemaText(file);
      expect(text).toBe(jsonSchemaText(file));
      expect(text.endsWith('}\n')).toBe(true);
    }
  });
});

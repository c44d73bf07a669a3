/**
 * JSON Schemas generated from the zod schemas, for editor completion in flows/*.yaml and
 * locales/languages.json. The zod schemas stay the single source; these files are committed and
 * `npm run gen:schema -- --check` fails when they are stale.
 */
import { z } from 'zod';
import { appConfigSchema, conditionSchema, flowSchema } from './schema.js';
import { languagesSchema } from './languages.js';

/** Repository-relative path -> the zod schema it is generated from. */
export const schemaFiles = {
  'flows/flow.schema.json': { schema: flowSchema, title: 'Flow' },
  'flows/app.schema.json': { schema: appConfigSchema, title: 'App configuration (flows/app.yaml)' },
  'locales/languages.schema.json': { schema: languagesSchema, title: 'Supported languages (locales/languages.json)' },
} as const;

export type SchemaFile = keyof typeof schemaFiles;

const CONDITION = 'condition';
const OPERATORS = ['eq', 'ne', 'lt', 'lte', 'gt', 'gte', 'in', 'not_in', 'set'];

type Json = Record<string, unknown>;

/**
 * Schemas that get a name of their own in the generated files (`#/definitions/<id>`), through zod's
 * global registry (where `.describe()` keeps the descriptions too): recursive ones must be
 * definitions, and a name reads better than zod's `__schemaN`.
 */
if (!z.globalRegistry.has(conditionSchema)) z.globalRegistry.add(conditionSchema, { id: CONDITION, title: CONDITION });

/** The JSON Schema of one file, as an object (draft-07: what yaml-language-server and VS Code read best). */
export function jsonSchemaOf(file: SchemaFile): Json {
  const { schema, title } = schemaFiles[file];
  const generated = z.toJSONSchema(schema, {
    target: 'draft-07',
    // Files are written by people: describe what they may write (defaults optional), not what parsing returns.
    io: 'input',
    // Refinements (one operator per comparison) cannot be expressed by zod; they are re-added below.
    unrepresentable: 'any',
    override: ({ jsonSchema }) => {
      const props = jsonSchema.properties;
      // A comparison is `{ var, <one operator> }`: the refine in schema.ts, said in JSON Schema terms.
      if (props && 'var' in props && OPERATORS.every((o) => o in props)) {
        jsonSchema.minProperties = 2;
        jsonSchema.maxProperties = 2;
      }
    },
  }) as Json;
  const { $schema, ...rest } = generated;
  return { $schema, title, ...rest };
}

/** The exact text committed for a schema file: stable, pretty, with a trailing newline. */
export function jsonSchemaText(file: SchemaFile): string {
  return `${JSON.stringify(jsonSchemaOf(file), null, 2)}\n`;
}

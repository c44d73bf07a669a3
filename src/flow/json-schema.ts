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

/** Renames zod's anonymous `__schemaN` definitions to the title given to them in `override`. */
function nameDefinitions(schema: Json): Json {
  const defs = schema['definitions'];
  if (!defs || typeof defs !== 'object') return schema;
  const renames = new Map<string, string>();
  for (const [key, def] of Object.entries(defs as Record<string, Json>)) {
    if (typeof def['title'] === 'string' && /^__schema\d+$/.test(key)) renames.set(key, def['title']);
  }
  let text = JSON.stringify(schema);
  for (const [from, to] of renames) {
    text = text.replaceAll(`"#/definitions/${from}"`, `"#/definitions/${to}"`).replaceAll(`"${from}":`, `"${to}":`);
  }
  return JSON.parse(text) as Json;
}

/** The JSON Schema of one file, as an object (draft-07: what yaml-language-server and VS Code read best). */
export function jsonSchemaOf(file: SchemaFile): Json {
  const { schema, title } = schemaFiles[file];
  const generated = z.toJSONSchema(schema, {
    target: 'draft-07',
    // Files are written by people: describe what they may write (defaults optional), not what parsing returns.
    io: 'input',
    // Refinements (one operator per comparison) cannot be expressed by zod; they are re-added below.
    unrepresentable: 'any',
    override: ({ zodSchema, jsonSchema }) => {
      if (Object.is(zodSchema, conditionSchema)) jsonSchema.title = CONDITION;
      const props = jsonSchema.properties;
      // A comparison is `{ var, <one operator> }`: the refine in schema.ts, said in JSON Schema terms.
      if (props && 'var' in props && OPERATORS.every((o) => o in props)) {
        jsonSchema.minProperties = 2;
        jsonSchema.maxProperties = 2;
      }
    },
  }) as Json;
  const { $schema, ...rest } = generated;
  return nameDefinitions({ $schema, title, ...rest });
}

/** The exact text committed for a schema file: stable, pretty, with a trailing newline. */
export function jsonSchemaText(file: SchemaFile): string {
  return `${JSON.stringify(jsonSchemaOf(file), null, 2)}\n`;
}

/**
 * Writes the JSON Schemas generated from the zod schemas (flows/*.schema.json,
 * locales/languages.schema.json). With `--check`, writes nothing and exits 1 when a committed file
 * differs from a fresh generation (CI).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { jsonSchemaText, schemaFiles, type SchemaFile } from '../flow/json-schema.js';

const check = process.argv.includes('--check');
const root = process.cwd();
let stale = 0;
for (const file of Object.keys(schemaFiles) as SchemaFile[]) {
  const path = join(root, file);
  const fresh = jsonSchemaText(file);
  const current = existsSync(path) ? readFileSync(path, 'utf8') : undefined;
  if (current === fresh) continue;
  if (check) {
    stale += 1;
    console.error(`${file}: ${current === undefined ? 'missing' : 'stale'}; run \`npm run gen:schema\` and commit it`);
  } else {
    writeFileSync(path, fresh);
    console.log(`wrote ${file}`);
  }
}
process.exitCode = stale > 0 ? 1 : 0;

import { defineConfig } from 'drizzle-kit';

// Migrations are generated from the one schema file and committed; `npm run migrate` applies them.
export default defineConfig({
  dialect: 'postgresql',
  // The core's tables, and the tables channels own (src/channels/<name>/store/schema.ts).
  schema: ['./src/db/schema.ts', './src/channels/*/store/schema.ts'],
  out: './drizzle',
  strict: true,
});

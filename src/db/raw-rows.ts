/**
 * Rows of a statement written in SQL (`db.execute`), the same on both drivers: PGlite answers
 * `{ rows }`, postgres.js a list. Each row is parsed with the caller's schema.
 */
import type { z } from 'zod';

export function rowsOf<S extends z.ZodType>(result: unknown, schema: S): Array<z.output<S>> {
  const rows: unknown = Array.isArray(result) ? result : typeof result === 'object' && result !== null && 'rows' in result ? result.rows : [];
  if (!Array.isArray(rows)) throw new Error('database: a statement answered without rows');
  return rows.map((row) => schema.parse(row));
}

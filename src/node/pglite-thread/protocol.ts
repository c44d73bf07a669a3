/** The messages between the service and the thread that runs the embedded database. */

export type RowMode = 'object' | 'array';

export type Request =
  | { id: number; op: 'query'; tx: number | null; text: string; params: unknown[]; rowMode: RowMode; keepText: boolean }
  | { id: number; op: 'exec'; tx: number | null; text: string }
  | { id: number; op: 'begin'; tx: number }
  | { id: number; op: 'end'; tx: number; commit: boolean }
  | { id: number; op: 'close' };

/** A database error as it crosses the thread: its message and PostgreSQL's fields. */
export interface ThreadError {
  message: string;
  name: string;
  fields: Record<string, string | number | undefined>;
}

export type Reply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: ThreadError };

/** PostgreSQL's fields of an error that callers read (code, detail, constraint, …). */
export const ERROR_FIELDS = ['code', 'detail', 'hint', 'severity', 'constraint', 'table', 'column', 'schema', 'position', 'where'] as const;

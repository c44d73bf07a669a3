/**
 * The embedded database's own thread: PGlite (PostgreSQL in WebAssembly) runs here, so its work
 * and the service's JavaScript use two cores instead of taking turns on one. Statements and
 * transactions come as messages (see client.ts); one transaction at a time, as PGlite runs them.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite, types, type Transaction } from '@electric-sql/pglite';
import { EMBEDDED_POSTGRES_CONF } from '../../db/embedded-settings.js';
import { ERROR_FIELDS, type Reply, type Request, type ThreadError } from './protocol.js';

const port = parentPort;
if (!port) throw new Error('pglite-thread: run as a worker thread');
const { dataDir } = workerData as { dataDir: string | null };

/** drizzle's parsers: dates, times and their arrays stay text (its columns map them). */
const KEEP_TEXT = Object.fromEntries(
  [types.TIMESTAMP, types.TIMESTAMPTZ, types.INTERVAL, types.DATE, 1231, 1115, 1185, 1187, 1182].map((t) => [t, (value: string) => value]),
);

const ROLLBACK = Symbol('rollback');
type Open = { tx: Transaction; end: (commit: boolean) => void; done: Promise<void> };
/** Transactions by id, from their BEGIN on: a statement sent right behind BEGIN waits for it here. */
const open = new Map<number, Promise<Open>>();

function threadError(error: unknown): ThreadError {
  const e = error instanceof Error ? error : new Error(String(error));
  const fields: ThreadError['fields'] = {};
  for (const name of ERROR_FIELDS) {
    const value: unknown = (e as unknown as Record<string, unknown>)[name];
    if (typeof value === 'string' || typeof value === 'number') fields[name] = value;
  }
  return { message: e.message, name: e.name, fields };
}

const send = (reply: Reply) => port.postMessage(reply);

const pg = await PGlite.create(dataDir ? { dataDir, postgresqlconf: EMBEDDED_POSTGRES_CONF } : {});

function begin(txId: number): Promise<void> {
  const opened = new Promise<Open>((started, failed) => {
    let end: (commit: boolean) => void = () => {};
    const decided = new Promise<boolean>((resolve) => (end = resolve));
    const done: Promise<void> = pg
      .transaction(async (tx) => {
        started({ tx, end, done });
        if (!(await decided)) throw ROLLBACK;
      })
      .then(
        () => undefined,
        (error: unknown) => {
          if (error !== ROLLBACK) throw error;
        },
      )
      .finally(() => open.delete(txId));
    // A transaction that could not start (the thread's database failed) fails its BEGIN.
    done.catch(failed);
  });
  open.set(txId, opened);
  return opened.then(() => undefined);
}

async function target(tx: number | null): Promise<PGlite | Transaction> {
  if (tx === null) return pg;
  const entry = open.get(tx);
  if (!entry) throw new Error(`pglite-thread: transaction ${tx} is not open`);
  return (await entry).tx;
}

async function perform(request: Request): Promise<unknown> {
  switch (request.op) {
    case 'query': {
      const on = await target(request.tx);
      const result = await on.query(request.text, request.params, { rowMode: request.rowMode, ...(request.keepText ? { parsers: KEEP_TEXT } : {}) });
      return { rows: result.rows, fields: result.fields, affectedRows: result.affectedRows };
    }
    case 'exec': {
      const on = await target(request.tx);
      return (await on.exec(request.text)).map((r) => ({ rows: r.rows, fields: r.fields, affectedRows: r.affectedRows }));
    }
    case 'begin':
      return begin(request.tx);
    case 'end': {
      const entry = open.get(request.tx);
      if (!entry) throw new Error(`pglite-thread: transaction ${request.tx} is not open`);
      const { end, done } = await entry;
      end(request.commit);
      return done;
    }
    case 'close':
      await pg.close();
      return undefined;
  }
}

port.on('message', (request: Request) => {
  perform(request).then(
    (value) => send({ id: request.id, ok: true, value }),
    (error: unknown) => send({ id: request.id, ok: false, error: threadError(error) }),
  );
});
port.postMessage({ ready: true });

/**
 * The service's side of the embedded database's thread (worker.ts): the part of PGlite's client
 * that drizzle uses (query, exec, transaction, close), each call a message to the thread. A
 * statement's rows come back as PGlite gives them; an error keeps PostgreSQL's fields (code, …).
 * If the thread dies, every call waiting and every later one fails: the database is gone, as when
 * a PostgreSQL connection drops.
 */
import type { PGlite, QueryOptions, Results, Transaction } from '@electric-sql/pglite';
import { Worker } from 'node:worker_threads';
import { ERROR_FIELDS, type Reply, type Request, type ThreadError } from './protocol.js';

type Pending = { resolve: (value: unknown) => void; reject: (error: Error) => void };
/** Request without its id (the client numbers them); a distributive Omit keeps the union. */
type Call = Request extends infer R ? (R extends Request ? Omit<R, 'id'> : never) : never;

/** An error from the thread as the caller would have had it in the same thread. */
function rebuilt(error: ThreadError): Error {
  const e = new Error(error.message);
  e.name = error.name;
  for (const name of ERROR_FIELDS) if (error.fields[name] !== undefined) Object.assign(e, { [name]: error.fields[name] });
  return e;
}

/**
 * The worker's file beside this one. Under tsx (the service runs with it) that file is TypeScript,
 * and a thread inherits neither the loader the main thread registered nor `--import tsx`: a small
 * bootstrap registers tsx in the thread first, then loads the file.
 */
function newWorker(url: URL, workerData: unknown): Worker {
  if (!url.pathname.endsWith('.ts')) return new Worker(url, { workerData });
  const tsx = import.meta.resolve('tsx/esm/api');
  const bootstrap = `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(url.href)}); })`;
  return new Worker(bootstrap, { eval: true, workerData });
}

export class PgliteThread {
  readonly #worker: Worker;
  readonly #pending = new Map<number, Pending>();
  #nextId = 1;
  #nextTx = 1;
  #gone: Error | null = null;

  private constructor(worker: Worker) {
    this.#worker = worker;
    worker.on('message', (reply: Reply) => {
      const pending = this.#pending.get(reply.id);
      if (!pending) return;
      this.#pending.delete(reply.id);
      if (reply.ok) pending.resolve(reply.value);
      else pending.reject(rebuilt(reply.error));
    });
    const fail = (error: Error) => {
      this.#gone ??= error;
      for (const pending of this.#pending.values()) pending.reject(error);
      this.#pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`the embedded database's thread stopped (exit code ${code})`)));
  }

  /** Starts the thread on `dataDir` (null: in memory) and waits until its database is open. */
  static async start(dataDir: string | null): Promise<PgliteThread> {
    const url = new URL(`./worker${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url);
    const worker = newWorker(url, { dataDir });
    await new Promise<void>((resolve, reject) => {
      const onMessage = (message: unknown) => {
        if (typeof message === 'object' && message !== null && 'ready' in message) {
          worker.off('message', onMessage);
          worker.off('error', reject);
          resolve();
        }
      };
      worker.on('message', onMessage);
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`the embedded database's thread stopped while opening (exit code ${code})`)));
    });
    return new PgliteThread(worker);
  }

  #call<T>(call: Call): Promise<T> {
    if (this.#gone) return Promise.reject(this.#gone);
    const id = this.#nextId++;
    return new Promise<T>((resolve, reject) => {
      this.#pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.#worker.postMessage({ ...call, id });
    });
  }

  #query<T>(tx: number | null, text: string, params: unknown[] = [], options?: QueryOptions): Promise<Results<T>> {
    return this.#call({ op: 'query', tx, text, params, rowMode: options?.rowMode ?? 'object', keepText: options?.parsers !== undefined });
  }

  query<T>(text: string, params?: unknown[], options?: QueryOptions): Promise<Results<T>> {
    return this.#query<T>(null, text, params, options);
  }

  exec(text: string): Promise<Array<Results>> {
    return this.#call({ op: 'exec', tx: null, text });
  }

  /** One transaction at a time, as PGlite runs them: committed when `fn` returns, rolled back when it throws. */
  async transaction<T>(fn: (tx: Transaction) => Promise<T>): Promise<T> {
    const txId = this.#nextTx++;
    // Not awaited: the thread holds the first statement until the transaction is open, so BEGIN
    // costs no round trip of its own. A failed BEGIN fails that statement too.
    const began = this.#call({ op: 'begin', tx: txId });
    began.catch(() => undefined);
    let closed = false;
    const tx = {
      query: <R>(text: string, params?: unknown[], options?: QueryOptions) => this.#query<R>(txId, text, params, options),
      sql: () => Promise.reject(new Error('pglite-thread: tagged templates are not supported')),
      exec: (text: string) => this.#call<Array<Results>>({ op: 'exec', tx: txId, text }),
      rollback: async () => {
        closed = true;
        await this.#call({ op: 'end', tx: txId, commit: false });
      },
      listen: () => Promise.reject(new Error('pglite-thread: listen is not supported')),
      get closed() {
        return closed;
      },
    } as unknown as Transaction;
    let result: T;
    try {
      result = await fn(tx);
      await began;
    } catch (error) {
      if (!closed) await this.#call({ op: 'end', tx: txId, commit: false }).catch(() => undefined);
      throw error;
    }
    if (!closed) await this.#call({ op: 'end', tx: txId, commit: true });
    return result;
  }

  async close(): Promise<void> {
    if (!this.#gone) await this.#call({ op: 'close' }).catch(() => undefined);
    await this.#worker.terminate();
  }

  /** Typed as PGlite for drizzle, which uses only the methods above. */
  asPglite(): PGlite {
    return this as unknown as PGlite;
  }
}

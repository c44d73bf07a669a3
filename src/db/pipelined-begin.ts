/**
 * A transaction on postgres.js whose BEGIN travels with its first statement. postgres.js's own
 * `begin` waits for BEGIN's answer before it runs the transaction's first statement: a round trip
 * (and a socket write, costly on small virtual machines) of its own. Here BEGIN is queued on a
 * reserved connection without waiting, the first statement follows in the same tick, and
 * postgres.js writes both at once; an error of BEGIN fails that statement too. COMMIT, ROLLBACK
 * and savepoints are as postgres.js does them.
 */
import type postgres from 'postgres';

type Work<T> = (sql: postgres.Sql) => T | Promise<T>;

export async function pipelinedBegin<T>(pool: postgres.Sql, fn: Work<T>, wrap: (sql: postgres.Sql) => postgres.Sql): Promise<T> {
  const connection = await pool.reserve();
  let savepoints = 0;
  // The transaction's client; drizzle's nested transactions take a savepoint on the same
  // connection (a reserved connection has no `savepoint` of its own).
  const sql: postgres.Sql = wrap(
    Object.assign(connection, {
      async savepoint<R>(inner: Work<R>): Promise<R> {
        const name = `s${++savepoints}`;
        await connection.unsafe(`savepoint ${name}`);
        try {
          const result = await inner(sql);
          await connection.unsafe(`release savepoint ${name}`);
          return result;
        } catch (error) {
          await connection.unsafe(`rollback to savepoint ${name}`);
          throw error;
        }
      },
    }),
  );
  try {
    // A plain BEGIN fails only with its connection, and then so does the statement behind it.
    const began = connection.unsafe('begin').execute();
    let result: T;
    try {
      result = await fn(sql);
      await began;
    } catch (error) {
      // BEGIN failed (the connection is gone) or the work did: nothing to keep either way.
      await began.catch(() => undefined);
      await connection.unsafe('rollback').catch(() => undefined);
      throw error;
    }
    await connection.unsafe('commit');
    return result;
  } finally {
    connection.release();
  }
}

/**
 * PostgreSQL settings of the embedded database (PGlite). Its buffer pool lives in the process's
 * memory, not in a server of its own: 64 MB holds what a turn touches many times over (the
 * operating system caches the files behind it), where PGlite's default of 128 MB would let a
 * large directory grow the service by 64 MB more.
 */
export const EMBEDDED_POSTGRES_CONF = ['shared_buffers = 64MB'];

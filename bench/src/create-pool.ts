import pg from 'pg';

/**
 * A pg pool for the benchmark's own clients. pool.end() resolves before its sockets have
 * closed; when the embedded server stops right after, an idle client can receive "terminating
 * connection" and pg-pool re-emits it as 'error', which crashes the process without a listener.
 * Errors of queries still reach their callers.
 */
export function createPool(connectionString: string, max: number): pg.Pool {
  const pool = new pg.Pool({ connectionString, max });
  pool.on('error', () => undefined);
  return pool;
}

import pg from 'pg';

/**
 * Pool settings every contender shares. Idle connections stay open: by default pg-pool closes
 * them after 10 s, which is about how long a contender waits between its throughput rounds,
 * and it would then pay for new connections (SCRAM included) inside a measured round.
 */
export const POOL_SETTINGS = { idleTimeoutMillis: 0 } as const;

/**
 * A pg pool for the benchmark's own clients. pool.end() resolves before its sockets have
 * closed; when the embedded server stops right after, an idle client can receive "terminating
 * connection" and pg-pool re-emits it as 'error', which crashes the process without a listener.
 * Errors of queries still reach their callers.
 */
export function createPool(connectionString: string, max: number): pg.Pool {
  const pool = new pg.Pool({ ...POOL_SETTINGS, connectionString, max });
  pool.on('error', () => undefined);
  return pool;
}

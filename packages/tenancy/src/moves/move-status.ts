import pg from 'pg';

import type { MoveConnections } from './location';
import { listMoves, type MoveRecord } from './move-record';

/** A clinic's moves and whether a process is driving one right now. */
export interface MoveActivity {
  /** Newest first. */
  moves: MoveRecord[];
  /**
   * True while some process holds the clinic's move lock (a move, resume, rollback or clean-up
   * is running). A `running` move with no live process was interrupted: resume or roll it back.
   */
  live: boolean;
}

/**
 * Reads the clinic's move history and whether a process is at work on it — for the console,
 * which polls this while a move runs (in its own process or in another one).
 */
export async function moveActivity(
  clinicId: string,
  connections: Pick<MoveConnections, 'ownerUrl'>,
): Promise<MoveActivity> {
  const registry = new pg.Client({
    connectionString: connections.ownerUrl,
    application_name: 'eventora-move-status',
  });
  registry.on('error', () => undefined);
  await registry.connect();
  try {
    const moves = await listMoves(registry, clinicId);
    // The engine holds pg_try_advisory_lock(hashtextextended('eventora.move:' || id, 0)) on its
    // registry session; a 64-bit key shows in pg_locks as classid (high half) and objid (low).
    const { rows } = await registry.query<{ live: boolean }>(
      `SELECT EXISTS (
         SELECT 1
           FROM pg_locks l,
                (SELECT hashtextextended('eventora.move:' || $1, 0) AS k) h
          WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1
            AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
            AND l.classid::bigint = ((h.k >> 32) & 4294967295)
            AND l.objid::bigint = (h.k & 4294967295)
       ) AS live`,
      [clinicId],
    );
    return { moves, live: rows[0]?.live === true };
  } finally {
    await registry.end().catch(() => undefined);
  }
}

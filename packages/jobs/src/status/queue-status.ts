import type pg from 'pg';
import type PgBoss from 'pg-boss';

import { QUEUES, type QueueName } from '../queue/queues';

/** A queue's jobs by state: waiting to run, running, failed and due for a retry, dead. */
export interface QueueCounts {
  queue: QueueName;
  waiting: number;
  running: number;
  failed: number;
  dead: number;
}

const STATE_COLUMN = {
  created: 'waiting',
  active: 'running',
  retry: 'failed',
  failed: 'dead',
} as const;

/**
 * Jobs per queue and state, for the fleet or one clinic (clinic jobs carry `clinicId`).
 * Completed and cancelled jobs are history, not counted. Every queue is listed, zeros too.
 */
export async function queueCounts(registry: pg.Pool, clinicId?: string): Promise<QueueCounts[]> {
  const { rows } = await registry.query<{ name: string; state: string; count: string }>(
    `SELECT name, state::text AS state, count(*) AS count
       FROM pgboss.job
      WHERE state IN ('created', 'active', 'retry', 'failed')
        AND ($1::text IS NULL OR data->>'clinicId' = $1)
      GROUP BY name, state`,
    [clinicId ?? null],
  );
  const counts = new Map<string, QueueCounts>(
    (Object.keys(QUEUES) as QueueName[]).map((queue) => [
      queue,
      { queue, waiting: 0, running: 0, failed: 0, dead: 0 },
    ]),
  );
  for (const row of rows) {
    const entry = counts.get(row.name);
    const column = STATE_COLUMN[row.state as keyof typeof STATE_COLUMN];
    if (entry && column) entry[column] += Number(row.count);
  }
  return [...counts.values()];
}

export interface DeadJob {
  id: string;
  queue: QueueName;
  clinicId: string | null;
  attempts: number;
  /** The last error's class and code (see workClinicQueue): never a message with data in it. */
  error: string | null;
  diedAt: Date | null;
}

/** Jobs that failed for good, newest first, for the fleet or one clinic. */
export async function deadJobs(
  registry: pg.Pool,
  options: { clinicId?: string; limit?: number } = {},
): Promise<DeadJob[]> {
  const { rows } = await registry.query<{
    id: string;
    name: QueueName;
    clinic_id: string | null;
    attempts: number;
    error: string | null;
    died_at: Date | null;
  }>(
    `SELECT id, name, data->>'clinicId' AS clinic_id, retry_count + 1 AS attempts,
            output->>'error' AS error, completed_on AS died_at
       FROM pgboss.job
      WHERE state = 'failed' AND ($1::text IS NULL OR data->>'clinicId' = $1)
      ORDER BY completed_on DESC NULLS LAST
      LIMIT $2`,
    [options.clinicId ?? null, options.limit ?? 50],
  );
  return rows.map((row) => ({
    id: row.id,
    queue: row.name,
    clinicId: row.clinic_id,
    attempts: row.attempts,
    error: row.error,
    diedAt: row.died_at,
  }));
}

/**
 * Puts a dead job back in its queue for another round of attempts, same data (so the same
 * clinic). Returns the job as it was, or null when no dead job has that id (the caller audits).
 */
export async function retryDeadJob(
  deps: { queue: PgBoss; registry: pg.Pool },
  id: string,
): Promise<DeadJob | null> {
  const { rows } = await deps.registry.query<{ name: QueueName; clinic_id: string | null }>(
    "SELECT name, data->>'clinicId' AS clinic_id FROM pgboss.job WHERE id = $1 AND state = 'failed'",
    [id],
  );
  const row = rows[0];
  if (!row) return null;
  const [dead] = (
    await deadJobs(deps.registry, { clinicId: row.clinic_id ?? undefined, limit: 500 })
  ).filter((job) => job.id === id);
  await deps.queue.retry(row.name, id);
  return dead ?? null;
}

export interface ScheduleRun {
  schedule: string;
  id: string;
  slot: Date;
  startedAt: Date;
  enqueuedAt: Date | null;
  finishedAt: Date | null;
  clinics: number;
  skipped: number;
  succeeded: number;
  failed: number;
}

/** The latest run of each schedule. */
export async function lastScheduleRuns(registry: pg.Pool): Promise<ScheduleRun[]> {
  const { rows } = await registry.query<{
    schedule: string;
    id: string;
    slot: Date;
    started_at: Date;
    enqueued_at: Date | null;
    finished_at: Date | null;
    clinics: number;
    skipped: number;
    succeeded: number;
    failed: number;
  }>(
    `SELECT DISTINCT ON (schedule) schedule, id, slot, started_at, enqueued_at, finished_at,
            clinics, skipped, succeeded, failed
       FROM job_schedule_runs
      ORDER BY schedule, slot DESC`,
  );
  return rows.map((row) => ({
    schedule: row.schedule,
    id: row.id,
    slot: row.slot,
    startedAt: row.started_at,
    enqueuedAt: row.enqueued_at,
    finishedAt: row.finished_at,
    clinics: row.clinics,
    skipped: row.skipped,
    succeeded: row.succeeded,
    failed: row.failed,
  }));
}

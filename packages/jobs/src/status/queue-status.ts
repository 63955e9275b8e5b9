import type pg from 'pg';

import { QUEUE_SCHEMA, QUEUES, type QueueName } from '../queue/queues';

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

/** Jobs that failed for good, newest first, for the fleet, one clinic or one job. */
export async function deadJobs(
  registry: pg.Pool,
  options: { clinicId?: string; id?: string; limit?: number } = {},
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
        AND ($3::uuid IS NULL OR id = $3::uuid)
      ORDER BY completed_on DESC NULLS LAST
      LIMIT $2`,
    [options.clinicId ?? null, options.limit ?? 50, options.id ?? null],
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

/** A statement for the caller's transaction, in the shape the platform client's raw queries take. */
export interface RetryStatement {
  text: string;
  values: unknown[];
}

/**
 * Puts a dead job back in its queue for one more attempt, with the same data (so the same
 * clinic): pg-boss's own retry (state `retry`, one more allowed attempt), as a statement for
 * the caller's transaction, so the operator's audit entries commit with it or not at all. It
 * answers the job's row, `{ id, queue, clinic_id }`, and nothing when no dead job has that id.
 */
export function retryDeadJobStatement(id: string): RetryStatement {
  return {
    text: `UPDATE ${QUEUE_SCHEMA}.job SET state = 'retry', retry_limit = retry_limit + 1
            WHERE id = $1::uuid AND state = 'failed'
        RETURNING id::text AS id, name AS queue, data->>'clinicId' AS clinic_id`,
    values: [id],
  };
}

/** One dead job by id (the console shows it before a retry), or null. */
export async function deadJob(registry: pg.Pool, id: string): Promise<DeadJob | null> {
  const [job] = await deadJobs(registry, { id });
  return job ?? null;
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

/** The latest finished job of one clinic in a queue: when, and whether it worked. */
export interface ClinicJobRun {
  queue: QueueName;
  state: 'completed' | 'failed';
  finishedAt: Date;
}

/**
 * One clinic's latest finished job in each queue (what each schedule last did for it), from
 * the live table and pg-boss's archive of older jobs. Queues it never ran in are left out.
 */
export async function lastClinicJobRuns(
  registry: pg.Pool,
  clinicId: string,
): Promise<ClinicJobRun[]> {
  const { rows } = await registry.query<{ name: QueueName; state: string; finished_at: Date }>(
    `SELECT DISTINCT ON (name) name, state, finished_at
       FROM (SELECT name, state::text AS state, completed_on AS finished_at
               FROM ${QUEUE_SCHEMA}.job
              WHERE data->>'clinicId' = $1 AND state IN ('completed', 'failed')
             UNION ALL
             SELECT name, state::text, completed_on
               FROM ${QUEUE_SCHEMA}.archive
              WHERE data->>'clinicId' = $1 AND state IN ('completed', 'failed')) AS runs
      WHERE finished_at IS NOT NULL
      ORDER BY name, finished_at DESC`,
    [clinicId],
  );
  return rows.map((row) => ({
    queue: row.name,
    state: row.state === 'completed' ? 'completed' : 'failed',
    finishedAt: row.finished_at,
  }));
}

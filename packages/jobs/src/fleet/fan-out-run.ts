import type pg from 'pg';
import type PgBoss from 'pg-boss';

import type { ClinicJobData } from '../queue/queues';
import { derivedJobId } from '../runner/job-ids';
import type { FleetSchedule } from './schedules';

/** Clinics read from the registry and enqueued at once. */
export const FAN_OUT_BATCH = 100;

interface RegistryRow {
  id: string;
  status: string;
}

/**
 * One run of a fleet schedule: walks the registry in batches of FAN_OUT_BATCH (every mode:
 * shared, schema, database) and enqueues one job per open clinic; suspended clinics are
 * counted as skipped. Each clinic's job is its own: one failing never stops the others. Job
 * ids derive from (run, clinic), so a fan-out retried after a crash enqueues no clinic twice.
 */
export async function fanOutRun(
  deps: { queue: PgBoss; registry: pg.Pool },
  schedules: readonly FleetSchedule[],
  runId: string,
  batchSize = FAN_OUT_BATCH,
): Promise<{ clinics: number; skipped: number }> {
  const { rows: runs } = await deps.registry.query<{ schedule: string }>(
    'SELECT schedule FROM job_schedule_runs WHERE id = $1',
    [runId],
  );
  const schedule = schedules.find((candidate) => candidate.name === runs[0]?.schedule);
  if (!schedule) throw new Error(`No schedule for run ${runId}.`);

  let clinics = 0;
  let skipped = 0;
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const { rows } = await deps.registry.query<RegistryRow>(
      'SELECT id, status FROM clinics WHERE id > $1 ORDER BY id LIMIT $2',
      [after, batchSize],
    );
    if (rows.length === 0) break;
    after = rows[rows.length - 1]!.id;
    clinics += rows.length;
    const open = rows.filter((row) => row.status !== 'suspended');
    skipped += rows.length - open.length;
    await deps.queue.insert(
      open.map((row) => {
        const data: ClinicJobData = { clinicId: row.id, runId };
        return { name: schedule.queue, id: derivedJobId(runId, row.id), data };
      }),
    );
  }
  await deps.registry.query(
    `UPDATE job_schedule_runs
        SET clinics = $2, skipped = skipped + $3, enqueued_at = now(),
            finished_at = CASE WHEN skipped + $3 + succeeded + failed >= $2 THEN now() END
      WHERE id = $1 AND enqueued_at IS NULL`,
    [runId, clinics, skipped],
  );
  return { clinics, skipped };
}

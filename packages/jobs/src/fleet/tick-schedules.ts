import type pg from 'pg';
import type PgBoss from 'pg-boss';

import { currentSlot, type FleetSchedule } from './schedules';

/** What `fleet.run` jobs carry. */
export interface FleetRunData {
  runId: string;
}

/**
 * Starts the run of every schedule whose current slot has none yet: a run record and its
 * `fleet.run` job, in one transaction. Any number of workers may tick at once: the record's
 * unique (schedule, slot) lets one of them start the run. Returns the runs started.
 */
export async function tickSchedules(
  deps: { queue: PgBoss; registry: pg.Pool },
  schedules: readonly FleetSchedule[],
  now: Date,
): Promise<{ schedule: string; runId: string }[]> {
  const started: { schedule: string; runId: string }[] = [];
  for (const schedule of schedules) {
    const slot = currentSlot(schedule, now);
    const client = await deps.registry.connect();
    try {
      await client.query('BEGIN');
      const { rows } = await client.query<{ id: string }>(
        `INSERT INTO job_schedule_runs (id, schedule, slot, started_at)
         VALUES (gen_random_uuid(), $1, $2, $3)
         ON CONFLICT (schedule, slot) DO NOTHING RETURNING id`,
        [schedule.name, slot, now],
      );
      const runId = rows[0]?.id;
      if (runId) {
        const data: FleetRunData = { runId };
        // In the same transaction: a run record always has its job, and the other way round.
        await deps.queue.send('fleet.run', data, {
          db: { executeSql: (text, values) => client.query(text, values) },
        });
        started.push({ schedule: schedule.name, runId });
      }
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }
  return started;
}

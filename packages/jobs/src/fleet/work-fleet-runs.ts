import type pg from 'pg';
import type PgBoss from 'pg-boss';

import { fanOutRun } from './fan-out-run';
import type { FleetSchedule } from './schedules';
import type { FleetRunData } from './tick-schedules';

/** Works the `fleet.run` queue: each job fans one schedule run out to every clinic. */
export function workFleetRuns(
  deps: { queue: PgBoss; registry: pg.Pool },
  schedules: readonly FleetSchedule[],
  options: { pollingIntervalSeconds?: number } = {},
): Promise<string> {
  return deps.queue.work<FleetRunData>(
    'fleet.run',
    { batchSize: 1, pollingIntervalSeconds: options.pollingIntervalSeconds ?? 1 },
    async ([job]) => {
      if (job) await fanOutRun(deps, schedules, job.data.runId);
    },
  );
}

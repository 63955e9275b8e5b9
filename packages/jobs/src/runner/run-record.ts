import type pg from 'pg';

export type RunOutcome = 'succeeded' | 'failed' | 'skipped';

/**
 * Counts one clinic's outcome in its schedule run's record, and closes the record when every
 * clinic is counted (after the fan-out has set the total).
 */
export async function countRunOutcome(
  registry: pg.Pool,
  runId: string,
  outcome: RunOutcome,
): Promise<void> {
  // The column name comes from the closed RunOutcome union, never from input.
  await registry.query(
    `UPDATE job_schedule_runs
        SET ${outcome} = ${outcome} + 1,
            finished_at = CASE
              WHEN enqueued_at IS NOT NULL AND skipped + succeeded + failed + 1 >= clinics
              THEN now() ELSE finished_at END
      WHERE id = $1`,
    [runId],
  );
}

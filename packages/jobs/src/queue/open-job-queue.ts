import PgBoss from 'pg-boss';

import { QUEUE_SCHEMA } from './queues';

export interface JobQueueOptions {
  /** The control-plane role's URL (eventora_platform): it can use the queue, not create it. */
  connectionString: string;
  /** Connections the queue may hold (default 4). */
  maxConnections?: number;
  /**
   * Run pg-boss's maintenance in this process: fail jobs whose worker died (past their
   * expiry) so they are retried, archive and delete old jobs. The worker does; the console not.
   */
  supervise?: boolean;
  /** How often maintenance runs (default 60 s; tests use 1 s). */
  maintenanceIntervalSeconds?: number;
  /** Where pg-boss reports errors of its own loops (default: a line on stderr). */
  onError?: (error: Error) => void;
}

/**
 * Opens the job queue (pg-boss on the shared database). Never installs or migrates it: the
 * owner did that in a migration; a queue whose schema version differs refuses to start.
 */
export async function openJobQueue(options: JobQueueOptions): Promise<PgBoss> {
  const boss = new PgBoss({
    connectionString: options.connectionString,
    schema: QUEUE_SCHEMA,
    max: options.maxConnections ?? 4,
    application_name: 'eventora-jobs',
    migrate: false,
    supervise: options.supervise ?? false,
    // Fleet schedules are ticked by our own scheduler (one run record per slot).
    schedule: false,
    maintenanceIntervalSeconds: options.maintenanceIntervalSeconds ?? 60,
  });
  boss.on(
    'error',
    options.onError ??
      ((error: Error) => console.error(`[jobs] queue error: ${error.name}: ${error.message}`)),
  );
  await boss.start();
  return boss;
}

export type JobQueue = PgBoss;

import pg from 'pg';

/**
 * A small pool on the control plane (eventora_platform) for the queue's state: what the
 * console's job view reads and retries through (queue-status.ts). It runs no jobs.
 */
export function openQueueReader(connectionString: string): pg.Pool {
  return new pg.Pool({ connectionString, max: 2, application_name: 'eventora-jobs-reader' });
}

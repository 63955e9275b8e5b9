import type { TraceCarrier } from '@eventora/observability';

/**
 * Every queue and what a job of it may do. The queues themselves are created by the
 * 20261203121000_job_queue migration (creating one is DDL, which the runtime roles may not
 * run); a test keeps the two lists equal.
 */
export const QUEUES = {
  /**
   * Delivers a clinic's pending outbox messages. A suspended (closed) clinic's job runs too,
   * limited: only the kinds a closed clinic sends (the owner's final-export link); the rest wait
   * in the outbox until it reopens (the sweep then sends them).
   */
  'mail.deliver': { scope: 'clinic', whenSuspended: 'limited' },
  /** One run of a fleet schedule: enqueues a job per clinic. */
  'fleet.run': { scope: 'fleet' },
  'clinic.reminders': { scope: 'clinic', whenSuspended: 'drop' },
  'clinic.cleanup': { scope: 'clinic', whenSuspended: 'drop' },
  'clinic.complete-bookings': { scope: 'clinic', whenSuspended: 'drop' },
  'clinic.package-expiry': { scope: 'clinic', whenSuspended: 'drop' },
  'clinic.usage-rollup': { scope: 'clinic', whenSuspended: 'drop' },
  /** Waitlist offers past their hold pass to the next waiting client. */
  'clinic.waitlist': { scope: 'clinic', whenSuspended: 'drop' },
  /** A clinic's backup into the backup store, then its retention (worker with a store only). */
  'clinic.backups': { scope: 'clinic', whenSuspended: 'drop' },
  /** A tenant job that does nothing, for `pnpm bench:jobs`. */
  'bench.noop': { scope: 'clinic', whenSuspended: 'drop' },
} as const satisfies Record<
  string,
  { scope: 'fleet' } | { scope: 'clinic'; whenSuspended: 'drop' | 'wait' | 'limited' }
>;

export type QueueName = keyof typeof QUEUES;

/** Queues whose jobs run bound to one clinic. */
export type ClinicQueueName = {
  [Name in QueueName]: (typeof QUEUES)[Name]['scope'] extends 'clinic' ? Name : never;
}[QueueName];

/** What a clinic job carries: its clinic (never changed by a retry) and the run it belongs to. */
export interface ClinicJobData {
  clinicId: string;
  /** The fleet schedule run that enqueued it, if any (its record counts the outcome). */
  runId?: string;
  /** How many times the job was put back because its clinic was frozen or suspended. */
  deferrals?: number;
  /** The trace of the request or run that caused the job, continued by the job's span. */
  trace?: TraceCarrier;
}

/** pg-boss keeps its tables in this schema (installed by the migration). */
export const QUEUE_SCHEMA = 'pgboss';

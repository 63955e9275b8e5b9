/**
 * @eventora/jobs: the job queue (pg-boss on the shared database), the tenant-bound runner and
 * the fleet scheduler. Jobs know clinics, not bookings: what a task does lives in @eventora/api.
 */
export { openJobQueue, type JobQueue, type JobQueueOptions } from './queue/open-job-queue';
export {
  QUEUES,
  QUEUE_SCHEMA,
  type ClinicJobData,
  type ClinicQueueName,
  type QueueName,
} from './queue/queues';
export {
  workClinicQueue,
  type ClinicJobContext,
  type ClinicJobHandler,
  type ClinicWorkerDeps,
  type JobFailure,
  type WorkOptions,
} from './runner/work-clinic-queue';
export { clinicGate, isClinicFrozenError, type Gate } from './runner/clinic-gate';
export { derivedJobId } from './runner/job-ids';
export { FLEET_SCHEDULES, currentSlot, type FleetSchedule } from './fleet/schedules';
export { tickSchedules, type FleetRunData } from './fleet/tick-schedules';
export { FAN_OUT_BATCH, fanOutRun } from './fleet/fan-out-run';
export { workFleetRuns } from './fleet/work-fleet-runs';
export {
  deadJob,
  deadJobs,
  lastClinicJobRuns,
  lastScheduleRuns,
  queueCounts,
  retryDeadJobStatement,
  type ClinicJobRun,
  type DeadJob,
  type QueueCounts,
  type RetryStatement,
  type ScheduleRun,
} from './status/queue-status';
export { openQueueReader } from './status/queue-reader';

import {
  markSpanFailed,
  recordJob,
  withClinicTag,
  withJobSpan,
  type Logger,
} from '@eventora/observability';
import {
  isUuid,
  TenancyError,
  type ClinicRecord,
  type TenantClient,
  type TenantRouter,
} from '@eventora/tenancy';
import type pg from 'pg';
import type PgBoss from 'pg-boss';

import { QUEUES, type ClinicJobData, type ClinicQueueName } from '../queue/queues';
import { clinicGate, isClinicFrozenError } from './clinic-gate';
import { countRunOutcome } from './run-record';

/** What a clinic job's handler gets: the clinic, bound, and its tenant client. */
export interface ClinicJobContext {
  db: TenantClient;
  clinic: ClinicRecord;
  job: { id: string; queue: ClinicQueueName; retryCount: number };
}

export type ClinicJobHandler = (context: ClinicJobContext) => Promise<unknown>;

export interface ClinicWorkerDeps {
  queue: PgBoss;
  /** Routes each job's clinic to its data, as the runtime role (eventora_app), under RLS. */
  tenants: TenantRouter;
  /** The control plane (eventora_platform): registry reads and run records. */
  registry: pg.Pool;
  /** Told about each failed attempt: error class and code only, never a message with data in it. */
  onFailure?: (failure: JobFailure) => void;
  /** One JSON line per job run (ids, clinic, outcome, duration; never the job's data). */
  logger?: Logger;
}

/** What became of one run of a job. */
export type JobOutcome = 'succeeded' | 'failed' | 'skipped' | 'deferred';

export interface JobFailure {
  queue: ClinicQueueName;
  jobId: string;
  clinicId: string | null;
  error: string;
  final: boolean;
}

export interface WorkOptions {
  /** Jobs fetched at once (default 20). */
  batchSize?: number;
  /** Jobs of a batch run at once (default 4). */
  concurrency?: number;
  /** How often an idle worker looks for jobs (default 1 s; pg-boss allows 0.5 s at least). */
  pollingIntervalSeconds?: number;
}

/** A frozen clinic's job comes back after 30 s, 1, 2, 4, then every 8 minutes: never dropped. */
const FROZEN_DELAYS_SECONDS = [30, 60, 120, 240, 480];
const SUSPENDED_DELAY_SECONDS = 3600;

/**
 * Works one clinic queue: every job carries a clinic id and runs inside that clinic's binding,
 * through the tenant client, under RLS, as the runtime role. A retry carries the same data, so
 * the same clinic; the binding cannot change mid-run (runWithClinic refuses a rebind). A job
 * without a valid clinic id fails closed.
 *
 * Before running, the registry decides: an active clinic runs; a frozen or moving one (a
 * tenant move) is put back for later as a new job, so a long freeze never exhausts retries; a
 * suspended one is dropped, put back, or run limited by the queue's rule (QUEUES). A write refused mid-run
 * because the clinic froze is put back the same way. Any other error fails the attempt, and
 * pg-boss retries it with backoff; the last failure counts as failed in the run record.
 */
export async function workClinicQueue(
  deps: ClinicWorkerDeps,
  name: ClinicQueueName,
  handler: ClinicJobHandler,
  options: WorkOptions = {},
): Promise<string> {
  const concurrency = options.concurrency ?? 4;
  return deps.queue.work<ClinicJobData>(
    name,
    {
      batchSize: options.batchSize ?? 20,
      pollingIntervalSeconds: options.pollingIntervalSeconds ?? 1,
      includeMetadata: true,
    },
    async (jobs) => {
      let next = 0;
      const lane = async () => {
        while (next < jobs.length) {
          const job = jobs[next++]!;
          await runOne(deps, name, handler, job);
        }
      };
      await Promise.all(Array.from({ length: Math.min(concurrency, jobs.length) }, lane));
    },
  );
}

async function runOne(
  deps: ClinicWorkerDeps,
  name: ClinicQueueName,
  handler: ClinicJobHandler,
  job: PgBoss.JobWithMetadata<ClinicJobData>,
): Promise<void> {
  const data = job.data ?? ({} as ClinicJobData);
  const clinicId = isUuid(data.clinicId) ? data.clinicId : null;
  const started = performance.now();
  let clinic: ClinicRecord | undefined;
  let errorCode: string | undefined;
  // A span per run, continuing the trace of the request that caused the job (if it said so).
  const outcome = await withJobSpan(
    `job ${name}`,
    data.trace,
    { 'job.queue': name, 'job.id': job.id, 'job.retry_count': job.retryCount },
    async (): Promise<JobOutcome> => {
      try {
        return await attempt(deps, name, handler, job, data, clinicId, (bound) => (clinic = bound));
      } catch (error) {
        errorCode = describeError(error);
        markSpanFailed(errorCode);
        return 'failed';
      }
    },
  );
  const seconds = (performance.now() - started) / 1000;
  recordJob({ job: name, outcome: outcome === 'failed' ? 'error' : 'ok', seconds });
  deps.logger?.info(
    {
      jobId: job.id,
      queue: name,
      clinicId,
      clinicSlug: clinic?.slug,
      clinicMode: clinic?.mode,
      retryCount: job.retryCount,
      requestId: data.trace?.requestId,
      durationMs: Math.round(seconds * 1000),
      outcome,
      errorCode,
    },
    'job',
  );
}

/**
 * One attempt: the registry's gate, then the handler in the clinic's binding. A failure is
 * reported, recorded with pg-boss (which retries it) and thrown on for the caller's span and log.
 */
async function attempt(
  deps: ClinicWorkerDeps,
  name: ClinicQueueName,
  handler: ClinicJobHandler,
  job: PgBoss.JobWithMetadata<ClinicJobData>,
  data: ClinicJobData,
  clinicId: string | null,
  onBound: (clinic: ClinicRecord) => void,
): Promise<JobOutcome> {
  const final = job.retryCount >= job.retryLimit;
  const count = async (outcome: 'succeeded' | 'failed' | 'skipped') => {
    if (data.runId) await countRunOutcome(deps.registry, data.runId, outcome);
  };
  try {
    if (!clinicId) {
      throw new TenancyError('TENANT_NOT_BOUND', 'A clinic job must carry its clinic id.');
    }
    const gate = await clinicGate(deps.registry, clinicId, QUEUES[name].whenSuspended);
    if (gate.action === 'drop') {
      await count('skipped');
      return 'skipped';
    }
    if (gate.action === 'defer') {
      await putBack(deps, name, data, gate.reason);
      return 'deferred';
    }
    await deps.tenants.withClinic(
      clinicId,
      (db, clinic) => {
        onBound(clinic);
        return withClinicTag({ id: clinic.id, slug: clinic.slug, mode: clinic.mode }, () =>
          handler({ db, clinic, job: { id: job.id, queue: name, retryCount: job.retryCount } }),
        );
      },
      // A queue that runs limited for a suspended clinic reaches it; the handler sees its status.
      { includeSuspended: gate.clinic.status === 'suspended' },
    );
    await count('succeeded');
    return 'succeeded';
  } catch (error) {
    if (isClinicFrozenError(error)) {
      await putBack(deps, name, data, 'frozen');
      return 'deferred';
    }
    const described = describeError(error);
    deps.onFailure?.({ queue: name, jobId: job.id, clinicId, error: described, final });
    if (final) await count('failed');
    // Only the error's class and code reach the queue's tables, which operators read.
    await deps.queue.fail(name, job.id, { error: described });
    throw error;
  }
}

/** Sends the job again for later, same clinic and run; the current one then completes. */
async function putBack(
  deps: ClinicWorkerDeps,
  name: ClinicQueueName,
  data: ClinicJobData,
  reason: 'frozen' | 'suspended',
): Promise<void> {
  const deferrals = (data.deferrals ?? 0) + 1;
  const delay =
    reason === 'suspended'
      ? SUSPENDED_DELAY_SECONDS
      : FROZEN_DELAYS_SECONDS[Math.min(deferrals, FROZEN_DELAYS_SECONDS.length) - 1]!;
  await deps.queue.send(name, { ...data, deferrals }, { startAfter: delay });
}

function describeError(error: unknown): string {
  if (!(error instanceof Error)) return typeof error;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? `${error.name} (${code})` : error.name;
}

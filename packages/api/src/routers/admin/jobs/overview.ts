import { z } from 'zod';
import {
  deadJobs,
  lastClinicJobRuns,
  lastScheduleRuns,
  queueCounts,
  QUEUES,
  type QueueName,
} from '@eventora/jobs';

import { platformProcedure } from '../../../trpc';
import { registryRow } from '../clinic/registry';
import { jobQueueOf } from './job-queue';
import { ZAdminJobsOverviewInput } from '../../../schemas/admin';

const ZQueue = z.enum(Object.keys(QUEUES) as [QueueName, ...QueueName[]]);

const ZDeadJob = z.object({
  id: z.uuid(),
  queue: ZQueue,
  clinic: z.object({ id: z.uuid(), slug: z.string() }).nullable(),
  attempts: z.number(),
  error: z.string().nullable(),
  diedAt: z.date().nullable(),
});

/** Dead jobs the console lists at once (newest first); the rest wait for those to be handled. */
const DEAD_JOBS_SHOWN = 100;

/**
 * The job queue for the fleet, or for one clinic (`clinicId`): jobs per queue and state, the
 * last run of each fleet schedule (for a clinic also its own last job in each queue), and the
 * dead jobs an operator may retry. Queue metadata only: no clinic data is read.
 */
export const overview = platformProcedure
  .input(ZAdminJobsOverviewInput)
  .output(
    z.object({
      queues: z.array(
        z.object({
          queue: ZQueue,
          waiting: z.number(),
          running: z.number(),
          failed: z.number(),
          dead: z.number(),
        }),
      ),
      schedules: z.array(
        z.object({
          schedule: z.string(),
          slot: z.date(),
          startedAt: z.date(),
          finishedAt: z.date().nullable(),
          clinics: z.number(),
          skipped: z.number(),
          succeeded: z.number(),
          failed: z.number(),
        }),
      ),
      clinicRuns: z.array(
        z.object({
          queue: ZQueue,
          state: z.enum(['completed', 'failed']),
          finishedAt: z.date(),
        }),
      ),
      deadJobs: z.array(ZDeadJob),
    }),
  )
  .query(async ({ ctx, input }) => {
    const registry = jobQueueOf(ctx.services);
    // A clinic that is not in the registry answers NOT_FOUND, like every clinic view.
    const clinicId = input.clinicId
      ? (await registryRow(ctx.services, input.clinicId)).id
      : undefined;
    const [queues, schedules, clinicRuns, dead] = await Promise.all([
      queueCounts(registry, clinicId),
      lastScheduleRuns(registry),
      clinicId ? lastClinicJobRuns(registry, clinicId) : Promise.resolve([]),
      deadJobs(registry, { clinicId, limit: DEAD_JOBS_SHOWN }),
    ]);
    const clinicIds = [...new Set(dead.flatMap((job) => (job.clinicId ? [job.clinicId] : [])))];
    const clinics = await ctx.services.platform.clinic.findMany({
      where: { id: { in: clinicIds } },
      select: { id: true, slug: true },
    });
    const slugOf = new Map(clinics.map((clinic) => [clinic.id, clinic.slug]));
    return {
      queues,
      schedules: schedules.map((run) => ({
        schedule: run.schedule,
        slot: run.slot,
        startedAt: run.startedAt,
        finishedAt: run.finishedAt,
        clinics: run.clinics,
        skipped: run.skipped,
        succeeded: run.succeeded,
        failed: run.failed,
      })),
      clinicRuns,
      deadJobs: dead.map((job) => {
        const slug = job.clinicId ? slugOf.get(job.clinicId) : undefined;
        return {
          id: job.id,
          queue: job.queue,
          // A job of a clinic since discarded shows without one.
          clinic: job.clinicId && slug ? { id: job.clinicId, slug } : null,
          attempts: job.attempts,
          error: job.error,
          diedAt: job.diedAt,
        };
      }),
    };
  });

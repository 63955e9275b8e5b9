import { z } from 'zod';
import { deadJob, retryDeadJobStatement } from '@eventora/jobs';
import { writePlatformAudit } from '@eventora/tenancy';

import {
  recordOperatorAction,
  type PlatformTransaction,
} from '../../../audit/record-operator-action';
import { notFound } from '../../../errors/app-error';
import { platformProcedure } from '../../../trpc';
import { registryRow } from '../clinic/registry';
import { jobQueueOf } from './job-queue';
import { ZAdminJobsRetryDeadJobInput } from '../../../schemas/admin';

/**
 * Puts a dead job back in its queue for one more attempt, same data, so the same clinic. The
 * operator says why; the retry and its record commit together: the platform audit log, and
 * for a clinic's job that clinic's own audit log too (its owners see an operator re-ran its
 * work). A job that is not dead (retried already, or unknown) answers NOT_FOUND.
 */
export const retryDeadJob = platformProcedure
  .input(ZAdminJobsRetryDeadJobInput)
  .output(z.object({ id: z.uuid(), queue: z.string(), clinicId: z.uuid().nullable() }))
  .mutation(async ({ ctx, input }) => {
    const job = await deadJob(jobQueueOf(ctx.services), input.id);
    if (!job) throw notFound('Dead job');
    const metadata = { jobId: job.id, queue: job.queue, attempts: job.attempts, error: job.error };
    const retry = async (tx: PlatformTransaction) => {
      const statement = retryDeadJobStatement(job.id);
      const rows = await tx.$queryRawUnsafe<{ id: string }[]>(statement.text, ...statement.values);
      // Retried by someone else since it was read: nothing happened, nothing is recorded.
      if (rows.length === 0) throw notFound('Dead job');
    };
    if (job.clinicId) {
      const clinic = await registryRow(ctx.services, job.clinicId);
      await recordOperatorAction(
        ctx,
        clinic,
        {
          action: 'platform.job_retried',
          platformAction: 'job.retry',
          reason: input.reason,
          entityType: 'Job',
          entityId: job.id,
          metadata,
        },
        retry,
      );
    } else {
      // A fleet job (a schedule's run) belongs to no clinic: the platform log only.
      await ctx.services.platform.$transaction(async (tx) => {
        await retry(tx);
        await writePlatformAudit(tx, {
          operatorId: ctx.operator.id,
          action: 'job.retry',
          reason: input.reason,
          ip: ctx.request.ip ?? null,
          metadata,
        });
      });
    }
    return { id: job.id, queue: job.queue, clinicId: job.clinicId };
  });

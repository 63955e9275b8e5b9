import type { TRPCRouterRecord } from '@trpc/server';

import { overview } from './overview';
import { retryDeadJob } from './retry-dead-job';

/** The job queue as operators see it: counts, schedule runs, dead jobs, and a retry. */
export const adminJobsRouter = {
  overview,
  retryDeadJob,
} satisfies TRPCRouterRecord;

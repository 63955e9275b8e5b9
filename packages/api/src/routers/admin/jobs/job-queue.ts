import { TRPCError } from '@trpc/server';

import type { ApiServices } from '../../../services';

/** The job queue's tables, or a clear refusal in a process that was given none (the portal). */
export function jobQueueOf(services: ApiServices): NonNullable<ApiServices['jobQueue']> {
  if (!services.jobQueue) {
    throw new TRPCError({
      code: 'PRECONDITION_FAILED',
      message: 'This process cannot see the job queue.',
    });
  }
  return services.jobQueue;
}

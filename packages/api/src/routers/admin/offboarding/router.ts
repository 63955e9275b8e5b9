import type { TRPCRouterRecord } from '@trpc/server';

import { cancel } from './cancel';
import { status } from './status';

/** A clinic's offboarding in the console: its grace period, and cancelling it. */
export const adminOffboardingRouter = {
  status,
  cancel,
} satisfies TRPCRouterRecord;

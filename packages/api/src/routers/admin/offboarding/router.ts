import type { TRPCRouterRecord } from '@trpc/server';

import { cancel } from './cancel';
import { sendLink } from './send-link';
import { status } from './status';

/** A clinic's offboarding in the console: its grace period, the owners' download link, cancelling it. */
export const adminOffboardingRouter = {
  status,
  cancel,
  sendLink,
} satisfies TRPCRouterRecord;

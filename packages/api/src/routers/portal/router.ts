import type { TRPCRouterRecord } from '@trpc/server';

import { clinic } from './clinic';

/** What the clinic portal needs before sign-in: the clinic addressed by the host, for branding. */
export const portalRouter = {
  clinic,
} satisfies TRPCRouterRecord;

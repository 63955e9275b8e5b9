import type { TRPCRouterRecord } from '@trpc/server';

import { list } from './list';
import { setState } from './set-state';

/** Database servers for database-mode clinics (docs/scale-out.md): the list, and their state. */
export const adminServersRouter = {
  list,
  setState,
} satisfies TRPCRouterRecord;

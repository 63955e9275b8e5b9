import type { TRPCRouterRecord } from '@trpc/server';

import { list } from './list';
import { restore } from './restore';

/**
 * A clinic's backups in the console (docs/operations.md): the list from `clinic_backups`, and a
 * restore of one as a closed copy or in place, run in the console's process with its progress.
 */
export const adminBackupsRouter = {
  list,
  restore,
} satisfies TRPCRouterRecord;

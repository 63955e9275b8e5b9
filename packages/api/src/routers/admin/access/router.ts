import type { TRPCRouterRecord } from '@trpc/server';

import { byId } from './by-id';
import { clients } from './clients';
import { close } from './close';
import { list } from './list';
import { open } from './open';
import { reservations } from './reservations';

/**
 * Break-glass access: an operator opens one clinic's data, read-only, for a stated reason and
 * at most MAX_PLATFORM_ACCESS_MINUTES. Opening and closing are written to the platform audit log
 * and to the clinic's own; every read under the grant runs through `asPlatform`, which writes
 * one entry per operation to the clinic's audit log. Access ends by itself at its expiry.
 */
export const adminAccessRouter = {
  open,
  list,
  byId,
  close,
  reservations,
  clients,
} satisfies TRPCRouterRecord;

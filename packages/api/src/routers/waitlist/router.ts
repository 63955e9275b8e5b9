import type { TRPCRouterRecord } from '@trpc/server';

import { accept } from './accept';
import { forDay } from './for-day';
import { join } from './join';
import { leave } from './leave';
import { mine } from './mine';

/** The waitlist: clients wait for a full day; a freed slot is offered to the first, held a while. */
export const waitlistRouter = {
  join,
  mine,
  leave,
  accept,
  forDay,
} satisfies TRPCRouterRecord;

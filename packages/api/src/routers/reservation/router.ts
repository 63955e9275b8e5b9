import type { TRPCRouterRecord } from '@trpc/server';

import { byId } from './by-id';
import { cancel } from './cancel';
import { create } from './create';
import { list } from './list';
import { markAttendance } from './mark-attendance';
import { reschedule } from './reschedule';

/** Booking: clients book, cancel and move their own sessions; staff any client's. */
export const reservationRouter = {
  list,
  byId,
  create,
  cancel,
  reschedule,
  markAttendance,
} satisfies TRPCRouterRecord;

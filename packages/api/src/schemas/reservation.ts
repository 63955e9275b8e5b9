import { z } from 'zod';

import { zId } from './common';
import { checkRange, zInstant } from './instant-input';

export const ZReservationStatus = z.enum(['booked', 'cancelled', 'completed', 'no_show']);

export const MAX_LIST_DAYS = 62;

const ZCursor = z
  .string()
  .max(80)
  .regex(
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z_[0-9a-f-]{36}$/,
    'Not a cursor from this list.',
  )
  .transform((cursor) => {
    const [startsAt, id] = cursor.split('_') as [string, string];
    return { startsAt: new Date(startsAt), id };
  });

export const ZReservationListInput = z
  .object({
    /** Reservations starting in [from, to), at most 62 days; one end alone spans 62 days. */
    from: zInstant.optional(),
    to: zInstant.optional(),
    branchId: zId.optional(),
    therapistId: zId.optional(),
    /** Staff filter; a client only ever sees their own. */
    clientId: zId.optional(),
    status: ZReservationStatus.optional(),
    limit: z.number().int().min(1).max(100).default(50),
    cursor: ZCursor.optional(),
  })
  .superRefine((input, context) => checkRange(input, MAX_LIST_DAYS, context))
  .prefault({});
export const ZReservationByIdInput = z.object({ id: zId });
export const ZReservationCreateInput = z.object({
  therapistId: zId,
  branchId: zId,
  startsAt: zInstant,
  /** Staff only: the client booked for. A client books for themselves. */
  clientId: zId.optional(),
  /** The service booked: its duration sets the session's length. */
  serviceId: zId.optional(),
  /** Staff only: book without a credit; the client pays at the desk (`desk.recordPayment`). */
  payAtDesk: z.boolean().default(false),
});
export const ZReservationRescheduleInput = z.object({
  id: zId,
  startsAt: zInstant,
  /** Another therapist or branch; the reservation's own when left out. */
  therapistId: zId.optional(),
  branchId: zId.optional(),
});
export const ZReservationCancelInput = z.object({ id: zId });
export const ZReservationMarkAttendanceInput = z.object({
  id: zId,
  outcome: z.enum(['arrived', 'completed', 'no_show']),
});

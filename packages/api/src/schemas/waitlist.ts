import { z } from 'zod';

import { zId } from './common';

/** A day on the branch's calendar, like 2027-03-08. */
const ZDay = z.iso.date('A date like 2027-03-08.');

export const ZWaitlistStatus = z.enum(['waiting', 'offered', 'booked', 'left', 'expired']);

/** A client waits for a full day at a branch, with one therapist or any. */
export const ZWaitlistJoinInput = z.object({
  branchId: zId,
  day: ZDay,
  /** Only this therapist; any therapist at the branch when left out. */
  therapistId: zId.optional(),
  /** The service wanted (its length must match the freed session's). */
  serviceId: zId.optional(),
});
/** Leaves the waitlist (an open offer passes to the next client). */
export const ZWaitlistLeaveInput = z.object({ id: zId });
/** Books the slot offered, within its hold, with a credit. */
export const ZWaitlistAcceptInput = z.object({ id: zId });
/** Staff: who waits for a day (every branch, or one). */
export const ZWaitlistForDayInput = z.object({ day: ZDay, branchId: zId.optional() });

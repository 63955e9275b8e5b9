import { addMinutes } from 'date-fns';
import { z } from 'zod';

import { freeSlots } from '../../booking/free-slots';
import { formatLocal } from '../../booking/local-time';
import { SLOT_STEP_MINUTES } from '../../booking/slot-grid';
import { clinicProcedure } from '../../trpc';
import { loadSchedules } from '../reservation/load-schedules';
import { ZTherapistAvailabilityInput } from '../../schemas/therapist';

const ZSlot = z.object({
  branchId: z.uuid(),
  startsAt: z.date(),
  endsAt: z.date(),
  /** The start on the branch's wall clock, with its offset: `2026-03-29T09:00:00+02:00`. */
  localStartsAt: z.string(),
  timeZone: z.string(),
});

/**
 * Free sessions with a therapist: starts every 15 minutes on the branch's clock (the slot
 * grid), as long as the service asked for, inside the therapist's shifts and the branch's
 * opening hours, never on their time off or a clinic holiday, not in the past and clear of the
 * therapist's active reservations at any branch. `reservation.create` accepts
 * exactly these (as long as they stay free).
 */
export const availability = clinicProcedure
  .input(ZTherapistAvailabilityInput)
  .output(
    z.object({
      therapistId: z.uuid(),
      sessionMinutes: z.number().int(),
      stepMinutes: z.number().int(),
      slots: z.array(ZSlot),
    }),
  )
  .query(async ({ ctx, input }) => {
    const now = ctx.services.now();
    const { therapist, branches } = await loadSchedules(ctx.db, input);
    const { sessionMinutes } = therapist;
    const reservations = await ctx.db.reservation.findMany({
      where: {
        therapistId: therapist.id,
        status: { not: 'cancelled' },
        startsAt: { lt: addMinutes(input.to, sessionMinutes) },
        endsAt: { gt: input.from },
      },
      select: { startsAt: true, endsAt: true },
    });
    const busy = reservations.map(({ startsAt, endsAt }) => ({ start: startsAt, end: endsAt }));
    const slots = branches
      .flatMap((schedule) =>
        freeSlots({ schedule, sessionMinutes, from: input.from, to: input.to, now, busy }).map(
          (slot) => ({
            branchId: schedule.branchId,
            startsAt: slot.start,
            endsAt: slot.end,
            localStartsAt: formatLocal(slot.start, schedule.timeZone),
            timeZone: schedule.timeZone,
          }),
        ),
      )
      .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
    return {
      therapistId: therapist.id,
      sessionMinutes,
      stepMinutes: SLOT_STEP_MINUTES,
      slots,
    };
  });

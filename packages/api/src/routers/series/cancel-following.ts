import { z } from 'zod';

import { readCancellationWindowHours } from '../../booking/cancellation-window';
import { readWaitlistHoldMinutes } from '../../booking/waitlist-hold';
import { AppError, notFound } from '../../errors/app-error';
import { clinicProcedure } from '../../trpc';
import { bookingTransaction } from '../reservation/booking-transaction';
import { requireBookingRole, visibleReservations } from '../reservation/caller-scope';
import { cancelBookings, cancellableSelect } from '../reservation/cancel-bookings';
import { ZSeriesCancelFollowingInput } from '../../schemas/series';

/**
 * "This and all following": cancels a session of a series and every later session of it that
 * is still booked, in one transaction. Each session's credit comes back by the cancellation
 * window measured from its own start (so later ones usually get theirs back); each freed time
 * is offered to the waitlist. One session alone is `reservation.cancel`.
 */
export const cancelFollowing = clinicProcedure
  .input(ZSeriesCancelFollowingInput)
  .output(
    z.object({
      cancelled: z.array(z.object({ id: z.uuid(), creditReturned: z.boolean() })),
    }),
  )
  .mutation(async ({ ctx, input }) => {
    requireBookingRole(ctx.user);
    const now = ctx.services.now();
    const windowHours = await readCancellationWindowHours(ctx.services, ctx.clinic.id);
    const holdMinutes = await readWaitlistHoldMinutes(ctx.services, ctx.clinic.id);
    return bookingTransaction(ctx.db, async (tx) => {
      const found = await tx.reservation.findFirst({
        where: { id: input.id, ...visibleReservations(ctx.user) },
        select: { ...cancellableSelect, seriesId: true },
      });
      if (!found) throw notFound('Reservation');
      if (!found.seriesId) {
        throw new AppError('UNPROCESSABLE', 'This booking is not part of a series.');
      }
      if (found.status !== 'booked' || found.startsAt <= now) {
        throw new AppError('CONFLICT', 'This session is not booked or has already started.');
      }
      const following = await tx.reservation.findMany({
        where: {
          seriesId: found.seriesId,
          status: 'booked',
          startsAt: { gte: found.startsAt },
          ...visibleReservations(ctx.user),
        },
        orderBy: { startsAt: 'asc' },
        select: cancellableSelect,
      });
      const cancelled = await cancelBookings(tx, ctx, following, { now, windowHours, holdMinutes });
      return { cancelled };
    });
  });

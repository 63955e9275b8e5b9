import { z } from 'zod';

import { readCancellationWindowHours } from '../../booking/cancellation-window';
import { readWaitlistHoldMinutes } from '../../booking/waitlist-hold';
import { notFound } from '../../errors/app-error';
import { clinicProcedure } from '../../trpc';
import { bookingTransaction } from './booking-transaction';
import { requireBookingRole, visibleReservations } from './caller-scope';
import { cancelBookings, cancellableSelect } from './cancel-bookings';
import { reservationSelect, toReservationOutput, ZReservation } from './reservation-output';
import { ZReservationCancelInput } from '../../schemas/reservation';

/**
 * Cancels a booked session that has not started. Its credit goes back to its package when the
 * cancellation comes at least the clinic's cancellation window before the start; later, the
 * credit stays used, and the answer says which (`creditReturned`). The freed time is offered
 * to the first client on the waitlist for that day.
 */
export const cancel = clinicProcedure
  .input(ZReservationCancelInput)
  .output(z.object({ reservation: ZReservation, creditReturned: z.boolean() }))
  .mutation(async ({ ctx, input }) => {
    requireBookingRole(ctx.user);
    const now = ctx.services.now();
    const windowHours = await readCancellationWindowHours(ctx.services, ctx.clinic.id);
    const holdMinutes = await readWaitlistHoldMinutes(ctx.services, ctx.clinic.id);
    return bookingTransaction(ctx.db, async (tx) => {
      const found = await tx.reservation.findFirst({
        where: { id: input.id, ...visibleReservations(ctx.user) },
        select: cancellableSelect,
      });
      if (!found) throw notFound('Reservation');
      const [result] = await cancelBookings(tx, ctx, [found], { now, windowHours, holdMinutes });
      const reservation = await tx.reservation.findFirstOrThrow({
        where: { id: found.id },
        select: reservationSelect,
      });
      return {
        reservation: toReservationOutput(reservation),
        creditReturned: result!.creditReturned,
      };
    });
  });

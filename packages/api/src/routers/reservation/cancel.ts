import { z } from 'zod';

import { recordAudit } from '../../audit/record-audit';
import { writeBookingMessage } from '../../booking/booking-messages';
import { cancellationReturnsCredit } from '../../booking/cancellation';
import { readCancellationWindowHours } from '../../booking/cancellation-window';
import { AppError, notFound } from '../../errors/app-error';
import { clinicProcedure } from '../../trpc';
import { bookingTransaction } from './booking-transaction';
import { requireBookingRole, visibleReservations } from './caller-scope';
import { reservationSelect, toReservationOutput, ZReservation } from './reservation-output';
import { ZReservationCancelInput } from '../../schemas/reservation';

/**
 * Cancels a booked session that has not started. Its credit goes back to its package when the
 * cancellation comes at least the clinic's cancellation window before the start; later, the
 * credit stays used, and the answer says which (`creditReturned`).
 */
export const cancel = clinicProcedure
  .input(ZReservationCancelInput)
  .output(z.object({ reservation: ZReservation, creditReturned: z.boolean() }))
  .mutation(async ({ ctx, input }) => {
    requireBookingRole(ctx.user);
    const now = ctx.services.now();
    const windowHours = await readCancellationWindowHours(ctx.services, ctx.clinic.id);
    return bookingTransaction(ctx.db, async (tx) => {
      const found = await tx.reservation.findFirst({
        where: { id: input.id, ...visibleReservations(ctx.user) },
        select: { id: true, status: true, startsAt: true, userPackageId: true },
      });
      if (!found) throw notFound('Reservation');
      if (found.status === 'cancelled') {
        throw new AppError('CONFLICT', 'This reservation is already cancelled.');
      }
      if (found.status !== 'booked' || found.startsAt <= now) {
        throw new AppError('CONFLICT', 'This session has already started and cannot be cancelled.');
      }
      // Conditional on still being booked: of two racing cancellations, one wins.
      const { count } = await tx.reservation.updateMany({
        where: { id: found.id, status: 'booked' },
        data: { status: 'cancelled', cancelledAt: now },
      });
      if (count === 0) throw new AppError('CONFLICT', 'This reservation is already cancelled.');

      const creditReturned =
        found.userPackageId !== null &&
        cancellationReturnsCredit({
          startsAt: found.startsAt,
          cancelledAt: now,
          windowHours,
        });
      if (creditReturned && found.userPackageId) {
        await tx.userPackage.updateMany({
          where: { id: found.userPackageId },
          data: { creditsLeft: { increment: 1 } },
        });
      }
      const reservation = await tx.reservation.findFirstOrThrow({
        where: { id: found.id },
        select: reservationSelect,
      });
      await writeBookingMessage(
        tx,
        found.id,
        { kind: 'booking.cancelled', creditReturned },
        { portalUrl: ctx.services.portalUrl(ctx.clinic.slug) },
      );
      await recordAudit(tx, ctx, {
        action: 'reservation.cancel',
        entityType: 'Reservation',
        entityId: found.id,
        metadata: {
          startsAt: found.startsAt.toISOString(),
          creditReturned,
          cancellationWindowHours: windowHours,
        },
      });
      return { reservation: toReservationOutput(reservation), creditReturned };
    });
  });

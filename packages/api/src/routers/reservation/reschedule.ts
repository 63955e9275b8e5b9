import { recordAudit } from '../../audit/record-audit';
import { writeBookingMessage } from '../../booking/booking-messages';
import { readWaitlistHoldMinutes } from '../../booking/waitlist-hold';
import { offerFreedSlot } from '../../booking/waitlist-offer';
import { AppError, notFound } from '../../errors/app-error';
import { clinicProcedure } from '../../trpc';
import { bookableSlot } from './bookable-slot';
import { bookingTransaction } from './booking-transaction';
import { requireBookingRole, visibleReservations } from './caller-scope';
import { reservationSelect, toReservationOutput, ZReservation } from './reservation-output';
import { ZReservationRescheduleInput } from '../../schemas/reservation';

/**
 * Moves a booked session to a new time (and optionally therapist or branch), checked by the
 * same rules as a new booking. The row is moved in place in one transaction, so the old slot
 * is freed exactly when the new one is taken, and the credit stays where it is; if the new
 * slot is refused, the reservation is left as it was. The time it left is offered to the waitlist.
 */
export const reschedule = clinicProcedure
  .input(ZReservationRescheduleInput)
  .output(ZReservation)
  .mutation(async ({ ctx, input }) => {
    requireBookingRole(ctx.user);
    const now = ctx.services.now();
    const holdMinutes = await readWaitlistHoldMinutes(ctx.services, ctx.clinic.id);
    const reservation = await bookingTransaction(ctx.db, async (tx) => {
      const found = await tx.reservation.findFirst({
        where: { id: input.id, ...visibleReservations(ctx.user) },
        select: {
          id: true,
          status: true,
          clientId: true,
          startsAt: true,
          endsAt: true,
          therapistId: true,
          branchId: true,
          serviceId: true,
          userPackage: { select: { expiresAt: true } },
        },
      });
      if (!found) throw notFound('Reservation');
      if (found.status !== 'booked') {
        throw new AppError('CONFLICT', 'Only a booked reservation can be rescheduled.');
      }
      if (found.startsAt <= now) {
        throw new AppError('CONFLICT', 'This session has already started and cannot be moved.');
      }
      const therapistId = input.therapistId ?? found.therapistId;
      const branchId = input.branchId ?? found.branchId;
      const slot = await bookableSlot(tx, {
        therapistId,
        branchId,
        serviceId: found.serviceId,
        startsAt: input.startsAt,
        now,
      });
      if (found.userPackage && found.userPackage.expiresAt <= slot.start) {
        throw new AppError(
          'UNPROCESSABLE',
          'The package paying for this session expires before then.',
          [{ field: 'startsAt', message: 'After the package expires.' }],
        );
      }
      // A taken slot fails here (23P01) and the whole transaction, the old slot with it, rolls back.
      const { count } = await tx.reservation.updateMany({
        where: { id: found.id, status: 'booked' },
        data: { therapistId, branchId, startsAt: slot.start, endsAt: slot.end },
      });
      if (count === 0)
        throw new AppError('CONFLICT', 'This reservation changed meanwhile; try again.');
      const moved = await tx.reservation.findFirstOrThrow({
        where: { id: found.id },
        select: reservationSelect,
      });
      const portalUrl = ctx.services.portalUrl(ctx.clinic.slug);
      await writeBookingMessage(
        tx,
        found.id,
        { kind: 'booking.rescheduled', previousStartsAt: found.startsAt },
        { portalUrl },
      );
      // The time it left is free again: the first client waiting for that day hears of it.
      await offerFreedSlot(tx, found, {
        now,
        holdMinutes,
        portalUrl,
        excludeClientIds: [found.clientId],
      });
      await recordAudit(tx, ctx, {
        action: 'reservation.reschedule',
        entityType: 'Reservation',
        entityId: found.id,
        metadata: {
          from: {
            startsAt: found.startsAt.toISOString(),
            therapistId: found.therapistId,
            branchId: found.branchId,
          },
          to: { startsAt: slot.start.toISOString(), therapistId, branchId },
        },
      });
      return moved;
    });
    return toReservationOutput(reservation);
  });

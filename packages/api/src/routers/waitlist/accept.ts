import { recordAudit } from '../../audit/record-audit';
import { AppError, notFound } from '../../errors/app-error';
import { clinicProcedure } from '../../trpc';
import { bookableSlot } from '../reservation/bookable-slot';
import { bookSession } from '../reservation/book-session';
import { bookingTransaction } from '../reservation/booking-transaction';
import { toReservationOutput, ZReservation } from '../reservation/reservation-output';
import { ZWaitlistAcceptInput } from '../../schemas/waitlist';

/**
 * Books the slot offered to the caller, within its hold, with one credit (the same rules as
 * `reservation.create`). The hold is first-come (see offerFreedSlot): if someone booked the
 * time meanwhile, the answer is CONFLICT and the entry goes back to waiting, keeping its place.
 * After the hold, CONFLICT: the slot has gone (or is going) to the next client.
 */
export const accept = clinicProcedure
  .input(ZWaitlistAcceptInput)
  .output(ZReservation)
  .mutation(async ({ ctx, input }) => {
    const now = ctx.services.now();
    const outcome = await bookingTransaction(ctx.db, async (tx) => {
      const entry = await tx.waitlistEntry.findFirst({
        where: { id: input.id, clientId: ctx.user.id },
        select: {
          id: true,
          status: true,
          branchId: true,
          offerTherapistId: true,
          offerServiceId: true,
          offerStartsAt: true,
          offerExpiresAt: true,
        },
      });
      if (!entry) throw notFound('Waitlist entry');
      const { offerTherapistId, offerStartsAt, offerExpiresAt } = entry;
      if (entry.status !== 'offered' || !offerTherapistId || !offerStartsAt || !offerExpiresAt) {
        throw new AppError('CONFLICT', 'No time is offered to you on this waitlist entry.');
      }
      if (offerExpiresAt <= now) {
        throw new AppError(
          'CONFLICT',
          'The hold on this time has run out; it was offered to the next person waiting.',
        );
      }
      const slot = await bookableSlot(tx, {
        therapistId: offerTherapistId,
        branchId: entry.branchId,
        serviceId: entry.offerServiceId,
        startsAt: offerStartsAt,
        now,
      });
      const taken = await tx.reservation.findFirst({
        where: {
          therapistId: offerTherapistId,
          status: { not: 'cancelled' },
          startsAt: { lt: slot.end },
          endsAt: { gt: slot.start },
        },
        select: { id: true },
      });
      if (taken) {
        await tx.waitlistEntry.updateMany({
          where: { id: entry.id, status: 'offered' },
          data: { status: 'waiting' },
        });
        return { taken: true as const };
      }
      const { booked, userPackageId } = await bookSession(
        tx,
        {
          clinicId: ctx.clinic.id,
          clientId: ctx.user.id,
          therapistId: offerTherapistId,
          branchId: entry.branchId,
          serviceId: slot.serviceId,
          startsAt: slot.start,
          endsAt: slot.end,
          payment: 'credit',
        },
        { portalUrl: ctx.services.portalUrl(ctx.clinic.slug) },
      );
      const { id } = booked;
      const { count } = await tx.waitlistEntry.updateMany({
        where: { id: entry.id, status: 'offered' },
        data: { status: 'booked', reservationId: id },
      });
      if (count === 0) throw new AppError('CONFLICT', 'This offer changed meanwhile; try again.');
      await recordAudit(tx, ctx, {
        action: 'waitlist.accept',
        entityType: 'Reservation',
        entityId: id,
        metadata: {
          waitlistEntryId: entry.id,
          therapistId: offerTherapistId,
          branchId: entry.branchId,
          startsAt: slot.start.toISOString(),
          userPackageId,
        },
      });
      return { taken: false as const, booked };
    });
    if (outcome.taken) {
      throw new AppError(
        'CONFLICT',
        'Someone booked this time first. You are still on the waitlist for that day.',
      );
    }
    return toReservationOutput(outcome.booked);
  });

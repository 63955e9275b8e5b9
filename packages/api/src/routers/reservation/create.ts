import { isStaffRole } from '@eventora/auth';

import { recordAudit } from '../../audit/record-audit';
import { AppError, notFound } from '../../errors/app-error';
import { clinicProcedure } from '../../trpc';
import { bookableSlot } from './bookable-slot';
import { bookSession } from './book-session';
import { bookingTransaction } from './booking-transaction';
import { bookingClientId } from './caller-scope';
import { toReservationOutput, ZReservation } from './reservation-output';
import { ZReservationCreateInput } from '../../schemas/reservation';

/**
 * Books a session: the slot must fit the therapist's shift and the branch's opening hours on
 * the branch's clock, keep clear of days off, lie in the future, be free (the database's
 * exclusion constraint), and be paid with one credit of the client's soonest-expiring valid
 * package, or (staff only) at the desk. All or nothing.
 */
export const create = clinicProcedure
  .input(ZReservationCreateInput)
  .output(ZReservation)
  .mutation(async ({ ctx, input }) => {
    const clientId = bookingClientId(ctx.user, input.clientId);
    if (input.payAtDesk && !isStaffRole(ctx.user.role)) {
      throw new AppError('FORBIDDEN', 'Only staff book sessions paid at the desk.');
    }
    const now = ctx.services.now();
    const reservation = await bookingTransaction(ctx.db, async (tx) => {
      if (isStaffRole(ctx.user.role)) {
        const client = await tx.user.findFirst({
          where: { id: clientId, role: 'CLIENT', disabledAt: null },
          select: { id: true },
        });
        if (!client) throw notFound('Client');
      }
      const slot = await bookableSlot(tx, { ...input, now });
      const payment = input.payAtDesk ? 'desk' : 'credit';
      const { booked, userPackageId } = await bookSession(
        tx,
        {
          clinicId: ctx.clinic.id,
          clientId,
          therapistId: input.therapistId,
          branchId: input.branchId,
          serviceId: slot.serviceId,
          startsAt: slot.start,
          endsAt: slot.end,
          payment,
        },
        { portalUrl: ctx.services.portalUrl(ctx.clinic.slug) },
      );
      await recordAudit(tx, ctx, {
        action: 'reservation.create',
        entityType: 'Reservation',
        entityId: booked.id,
        metadata: {
          clientId,
          therapistId: input.therapistId,
          branchId: input.branchId,
          startsAt: slot.start.toISOString(),
          serviceId: slot.serviceId,
          payment,
          userPackageId,
        },
      });
      return booked;
    });
    return toReservationOutput(reservation);
  });

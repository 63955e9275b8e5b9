import { recordAudit } from '../../audit/record-audit';
import { notFound } from '../../errors/app-error';
import { clinicProcedure } from '../../trpc';
import { visibleReservations } from './caller-scope';
import { reservationSelect, toReservationOutput, ZReservation } from './reservation-output';
import { ZReservationByIdInput } from '../../schemas/reservation';

/** One reservation the caller may see; any other id (another client's, another clinic's) is NOT_FOUND. */
export const byId = clinicProcedure
  .input(ZReservationByIdInput)
  .output(ZReservation)
  .query(async ({ ctx, input }) => {
    const reservation = await ctx.db.reservation.findFirst({
      where: { id: input.id, ...visibleReservations(ctx.user) },
      select: reservationSelect,
    });
    if (!reservation) throw notFound('Reservation');
    // Staff and therapists reading a client's booking read that client's record.
    if (reservation.client.id !== ctx.user.id) {
      await recordAudit(ctx.db, ctx, {
        action: 'client.view',
        entityType: 'User',
        entityId: reservation.client.id,
        metadata: { via: 'reservation.byId', reservationId: reservation.id },
      });
    }
    return toReservationOutput(reservation);
  });

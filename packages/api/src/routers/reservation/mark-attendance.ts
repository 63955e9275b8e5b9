import { subHours } from 'date-fns';
import { z } from 'zod';

import { recordAudit } from '../../audit/record-audit';
import { AppError, notFound } from '../../errors/app-error';
import { teamProcedure } from '../../trpc';
import { readClinicSettings, registryOf } from '../settings/clinic-settings';
import { bookingTransaction } from './booking-transaction';
import { visibleReservations } from './caller-scope';
import { reservationSelect, toReservationOutput, ZReservation } from './reservation-output';
import { ZReservationMarkAttendanceInput } from '../../schemas/reservation';

/** A client can be marked arrived from this long before the session. */
export const ARRIVAL_OPENS_HOURS = 2;

/**
 * Attendance, by staff or the session's therapist: `arrived` (from two hours before the
 * start), then `completed` or `no_show` (once the session has started). A no-show keeps its
 * credit, or gets it back when the clinic's rule says so (`settings.noShowKeepsCredit`). Each
 * mark is audited; a mark that no longer fits (cancelled, already completed) is a CONFLICT.
 */
export const markAttendance = teamProcedure
  .input(ZReservationMarkAttendanceInput)
  .output(z.object({ reservation: ZReservation, creditReturned: z.boolean() }))
  .mutation(async ({ ctx, input }) => {
    const now = ctx.services.now();
    return bookingTransaction(ctx.db, async (tx) => {
      const found = await tx.reservation.findFirst({
        where: { id: input.id, ...visibleReservations(ctx.user) },
        select: { id: true, status: true, startsAt: true, arrivedAt: true, userPackageId: true },
      });
      if (!found) throw notFound('Reservation');
      if (found.status !== 'booked') {
        throw new AppError(
          'CONFLICT',
          `This session is already ${found.status.replace('_', '-')}.`,
        );
      }
      if (input.outcome === 'arrived') {
        if (now < subHours(found.startsAt, ARRIVAL_OPENS_HOURS)) {
          throw new AppError('CONFLICT', 'Too early: arrivals open two hours before the session.');
        }
      } else if (now < found.startsAt) {
        throw new AppError('CONFLICT', 'The session has not started yet.');
      }
      if (input.outcome === 'no_show' && found.arrivedAt) {
        throw new AppError('CONFLICT', 'The client was marked arrived.');
      }

      let creditReturned = false;
      if (input.outcome === 'arrived') {
        await tx.reservation.updateMany({
          where: { id: found.id, status: 'booked' },
          data: { arrivedAt: found.arrivedAt ?? now },
        });
      } else {
        // Conditional on still being booked: of two racing marks, one wins.
        const { count } = await tx.reservation.updateMany({
          where: { id: found.id, status: 'booked' },
          data: { status: input.outcome, attendanceMarkedAt: now },
        });
        if (count === 0) throw new AppError('CONFLICT', 'This session changed meanwhile.');
        if (input.outcome === 'no_show' && found.userPackageId) {
          const settings = await readClinicSettings(registryOf(ctx, tx), ctx.clinic.id);
          creditReturned = !settings.noShowKeepsCredit;
          if (creditReturned) {
            await tx.userPackage.updateMany({
              where: { id: found.userPackageId },
              data: { creditsLeft: { increment: 1 } },
            });
          }
        }
      }
      const reservation = await tx.reservation.findFirstOrThrow({
        where: { id: found.id },
        select: reservationSelect,
      });
      await recordAudit(tx, ctx, {
        action: `reservation.${input.outcome}`,
        entityType: 'Reservation',
        entityId: found.id,
        metadata: { startsAt: found.startsAt.toISOString(), creditReturned },
      });
      return { reservation: toReservationOutput(reservation), creditReturned };
    });
  });

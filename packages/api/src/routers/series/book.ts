import { isStaffRole } from '@eventora/auth';
import { z } from 'zod';

import { recordAudit } from '../../audit/record-audit';
import { AppError, notFound } from '../../errors/app-error';
import { clinicProcedure } from '../../trpc';
import { bookSession } from '../reservation/book-session';
import { bookingTransaction } from '../reservation/booking-transaction';
import { bookingClientId } from '../reservation/caller-scope';
import {
  reservationSelect,
  toReservationOutput,
  ZReservation,
} from '../reservation/reservation-output';
import { planSeries, ZPlannedOccurrence } from './plan-series';
import { ZSeriesBookInput } from '../../schemas/series';

/**
 * Books the chosen occurrences of a series in one transaction: every one of them, or none.
 * Each is re-checked here (the preview may be stale); a chosen occurrence now in conflict
 * refuses the whole booking with its reason, and a slot taken meanwhile by a concurrent
 * booking fails on the database's exclusion constraint, rolling everything back. Paid with
 * credits, each session takes one (a series the credits cannot cover is refused, never booked
 * in part: the preview shows which occurrences have no credit). The occurrences not chosen
 * come back in `notBooked`, with their conflict if they had one.
 */
export const book = clinicProcedure
  .input(ZSeriesBookInput)
  .output(
    z.object({
      seriesId: z.uuid(),
      booked: z.array(ZReservation),
      notBooked: z.array(ZPlannedOccurrence),
    }),
  )
  .mutation(async ({ ctx, input }) => {
    const clientId = bookingClientId(ctx.user, input.clientId);
    if (input.payAtDesk && !isStaffRole(ctx.user.role)) {
      throw new AppError('FORBIDDEN', 'Only staff book sessions paid at the desk.');
    }
    const now = ctx.services.now();
    const chosen = new Set(input.book.map((start) => start.getTime()));
    return bookingTransaction(ctx.db, async (tx) => {
      if (isStaffRole(ctx.user.role)) {
        const client = await tx.user.findFirst({
          where: { id: clientId, role: 'CLIENT', disabledAt: null },
          select: { id: true },
        });
        if (!client) throw notFound('Client');
      }
      const plan = await planSeries(tx, { ...input, clientId, now });
      const known = new Set(plan.occurrences.map((occurrence) => occurrence.startsAt.getTime()));
      const strangers = [...chosen].filter((time) => !known.has(time));
      if (strangers.length > 0) {
        throw new AppError('UNPROCESSABLE', 'Choose sessions of this series only.', [
          { field: 'book', message: 'A chosen time is not one of the series’ sessions.' },
        ]);
      }
      const toBook = plan.occurrences.filter((occurrence) =>
        chosen.has(occurrence.startsAt.getTime()),
      );
      const refused = toBook.filter((occurrence) => occurrence.conflict);
      if (refused.length > 0) {
        throw new AppError(
          'CONFLICT',
          `${refused.length} of the chosen sessions can no longer be booked; nothing was booked.`,
          refused.map((occurrence) => ({
            field: 'book',
            message: `${occurrence.localStartsAt}: ${occurrence.conflict!.message}`,
          })),
        );
      }
      const series = await tx.reservationSeries.create({
        data: {
          clinicId: ctx.clinic.id,
          clientId,
          therapistId: input.therapistId,
          branchId: input.branchId,
          serviceId: plan.serviceId,
          everyWeeks: input.everyWeeks,
          occurrences: input.occurrences,
          createdBy: ctx.user.id,
        },
        select: { id: true },
      });
      const portalUrl = ctx.services.portalUrl(ctx.clinic.slug);
      const ids: { id: string; userPackageId: string | null }[] = [];
      for (const occurrence of toBook) {
        // One confirmation per session: each carries its own calendar invitation.
        const { booked, userPackageId } = await bookSession(
          tx,
          {
            clinicId: ctx.clinic.id,
            clientId,
            therapistId: input.therapistId,
            branchId: input.branchId,
            serviceId: plan.serviceId,
            seriesId: series.id,
            startsAt: occurrence.startsAt,
            endsAt: occurrence.endsAt,
            payment: input.payAtDesk ? 'desk' : 'credit',
          },
          { portalUrl },
        );
        ids.push({ id: booked.id, userPackageId });
      }
      const rows = await tx.reservation.findMany({
        where: { seriesId: series.id },
        orderBy: { startsAt: 'asc' },
        select: reservationSelect,
      });
      await recordAudit(tx, ctx, {
        action: 'series.create',
        entityType: 'ReservationSeries',
        entityId: series.id,
        metadata: {
          clientId,
          therapistId: input.therapistId,
          branchId: input.branchId,
          serviceId: plan.serviceId,
          everyWeeks: input.everyWeeks,
          occurrences: input.occurrences,
          payment: input.payAtDesk ? 'desk' : 'credit',
          reservations: ids.map(({ id, userPackageId }, index) => ({
            id,
            startsAt: toBook[index]!.startsAt.toISOString(),
            userPackageId,
          })),
        },
      });
      return {
        seriesId: series.id,
        booked: rows.map(toReservationOutput),
        notBooked: plan.occurrences.filter(
          (occurrence) => !chosen.has(occurrence.startsAt.getTime()),
        ),
      };
    });
  });

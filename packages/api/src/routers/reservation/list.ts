import { addDays, subDays } from 'date-fns';
import type { Prisma } from '@eventora/tenancy';
import { z } from 'zod';

import { recordAudit } from '../../audit/record-audit';
import { clinicProcedure } from '../../trpc';
import { visibleReservations } from './caller-scope';
import { reservationSelect, toReservationOutput, ZReservation } from './reservation-output';
import { MAX_LIST_DAYS, ZReservationListInput } from '../../schemas/reservation';

/** Reservations by start time, a page at a time: a client's own, or (staff) the clinic's. */
export const list = clinicProcedure
  .input(ZReservationListInput)
  .output(z.object({ items: z.array(ZReservation), nextCursor: z.string().nullable() }))
  .query(async ({ ctx, input }) => {
    const from = input.from ?? (input.to && subDays(input.to, MAX_LIST_DAYS));
    const to = input.to ?? (input.from && addDays(input.from, MAX_LIST_DAYS));
    const filters: Prisma.ReservationWhereInput[] = [
      visibleReservations(ctx.user),
      {
        branchId: input.branchId,
        therapistId: input.therapistId,
        clientId: input.clientId,
        status: input.status,
      },
    ];
    if (from && to) filters.push({ startsAt: { gte: from, lt: to } });
    if (input.cursor) {
      const { startsAt, id } = input.cursor;
      filters.push({ OR: [{ startsAt: { gt: startsAt } }, { startsAt, id: { gt: id } }] });
    }
    const rows = await ctx.db.reservation.findMany({
      where: { AND: filters },
      orderBy: [{ startsAt: 'asc' }, { id: 'asc' }],
      take: input.limit + 1,
      select: reservationSelect,
    });
    // Staff (or a therapist) looking up one client's bookings read that client's record.
    if (input.clientId && input.clientId !== ctx.user.id && rows.length > 0) {
      await recordAudit(ctx.db, ctx, {
        action: 'client.view',
        entityType: 'User',
        entityId: input.clientId,
        metadata: { via: 'reservation.list' },
      });
    }
    const page = rows.slice(0, input.limit);
    const last = page.at(-1);
    return {
      items: page.map(toReservationOutput),
      nextCursor:
        rows.length > input.limit && last ? `${last.startsAt.toISOString()}_${last.id}` : null,
    };
  });

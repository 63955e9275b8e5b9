import { addDays, subDays } from 'date-fns';
import type { Prisma } from '@eventora/tenancy';
import { z } from 'zod';

import { recordAudit } from '../../audit/record-audit';
import { checkRange, zInstant } from '../../booking/instant-input';
import { clinicProcedure, zId } from '../../trpc';
import { visibleReservations } from './caller-scope';
import {
  reservationSelect,
  toReservationOutput,
  ZReservation,
  ZReservationStatus,
} from './reservation-output';

export const MAX_LIST_DAYS = 62;

/** Position after the last item of a page: its start and id (the sort order). */
const ZCursor = z
  .string()
  .max(80)
  .regex(
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z_[0-9a-f-]{36}$/,
    'Not a cursor from this list.',
  )
  .transform((cursor) => {
    const [startsAt, id] = cursor.split('_') as [string, string];
    return { startsAt: new Date(startsAt), id };
  });

export const ZListReservationsInput = z
  .object({
    /** Reservations starting in [from, to), at most 62 days; one end alone spans 62 days. */
    from: zInstant.optional(),
    to: zInstant.optional(),
    branchId: zId.optional(),
    therapistId: zId.optional(),
    /** Staff filter; a client only ever sees their own. */
    clientId: zId.optional(),
    status: ZReservationStatus.optional(),
    limit: z.number().int().min(1).max(100).default(50),
    cursor: ZCursor.optional(),
  })
  .superRefine((input, context) => checkRange(input, MAX_LIST_DAYS, context))
  .prefault({});

/** Reservations by start time, a page at a time: a client's own, or (staff) the clinic's. */
export const list = clinicProcedure
  .input(ZListReservationsInput)
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

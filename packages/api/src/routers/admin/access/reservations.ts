import { z } from 'zod';
import type { Prisma } from '@eventora/tenancy';

import { platformProcedure } from '../../../trpc';
import { readUnderGrant } from './grant';
import { ZAdminAccessReservationsInput } from '../../../schemas/admin';

/** What support needs to see about a booking; no notes (they may hold clinical details). */
const reservationSelect = {
  id: true,
  startsAt: true,
  endsAt: true,
  status: true,
  cancelledAt: true,
  createdAt: true,
  clientId: true,
  therapist: { select: { name: true } },
  branch: { select: { name: true } },
} satisfies Prisma.ReservationSelect;

/** The clinic's reservations, newest first, under the grant (read-only, audited per read). */
export const reservations = platformProcedure
  .input(ZAdminAccessReservationsInput)
  .output(
    z.object({
      items: z.array(
        z.object({
          id: z.uuid(),
          startsAt: z.date(),
          endsAt: z.date(),
          status: z.enum(['booked', 'cancelled', 'completed', 'no_show']),
          cancelledAt: z.date().nullable(),
          createdAt: z.date(),
          clientId: z.uuid(),
          therapistName: z.string(),
          branchName: z.string(),
        }),
      ),
    }),
  )
  .query(async ({ ctx, input }) => {
    const rows = await readUnderGrant(ctx, input.grantId, (db) =>
      db.reservation.findMany({
        where: {
          ...(input.clientId ? { clientId: input.clientId } : {}),
          ...(input.from || input.to
            ? {
                startsAt: {
                  ...(input.from ? { gte: input.from } : {}),
                  ...(input.to ? { lt: input.to } : {}),
                },
              }
            : {}),
        },
        orderBy: [{ startsAt: 'desc' }, { id: 'desc' }],
        take: input.limit,
        select: reservationSelect,
      }),
    );
    return {
      items: rows.map(({ therapist, branch, ...row }) => ({
        ...row,
        therapistName: therapist.name,
        branchName: branch.name,
      })),
    };
  });

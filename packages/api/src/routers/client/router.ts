import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import type { Prisma } from '@eventora/tenancy';

import { recordAudit } from '../../audit/record-audit';
import { notFound } from '../../errors/app-error';
import { staffProcedure } from '../../trpc';
import { clientSelect, ZClient } from './client-output';
import { create } from './create';
import { merge } from './merge';
import { update } from './update';
import { presentWalletItem, walletSelect, ZWalletItem } from '../wallet/router';
import { ZClientByIdInput, ZClientListInput } from '../../schemas/client';

/** How much history `client.byId` returns; `reservationCount` tells whether there is more. */
const HISTORY_LIMIT = 100;

const reservationSelect = {
  id: true,
  startsAt: true,
  endsAt: true,
  status: true,
  cancelledAt: true,
  branch: { select: { id: true, name: true } },
  therapist: { select: { id: true, name: true } },
} satisfies Prisma.ReservationSelect;

export const ZClientHistory = z.object({
  client: ZClient,
  reservations: z.array(
    z.object({
      id: z.uuid(),
      startsAt: z.date(),
      endsAt: z.date(),
      status: z.enum(['booked', 'cancelled', 'completed', 'no_show']),
      cancelledAt: z.date().nullable(),
      branch: z.object({ id: z.uuid(), name: z.string() }),
      therapist: z.object({ id: z.uuid(), name: z.string() }),
    }),
  ),
  reservationCount: z.number(),
  packages: z.array(ZWalletItem),
  packageCount: z.number(),
});

/** Prisma's `contains` passes % and _ through as LIKE wildcards; search means the text itself. */
const likeLiteral = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

export const clientRouter = {
  /** The clinic's clients by name, searchable by name or email; cursor-paginated. */
  list: staffProcedure
    .input(ZClientListInput)
    .output(z.object({ items: z.array(ZClient), nextCursor: z.uuid().nullable() }))
    .query(async ({ ctx, input }) => {
      const search = input.search && likeLiteral(input.search);
      const rows = await ctx.db.user.findMany({
        where: {
          role: 'CLIENT',
          ...(search
            ? {
                OR: [
                  { name: { contains: search, mode: 'insensitive' } },
                  { email: { contains: search, mode: 'insensitive' } },
                ],
              }
            : {}),
        },
        select: clientSelect,
        orderBy: [{ name: 'asc' }, { id: 'asc' }],
        take: input.limit + 1,
        ...(input.cursor
          ? { cursor: { clinicId_id: { clinicId: ctx.clinic.id, id: input.cursor } }, skip: 1 }
          : {}),
      });
      const items = rows.slice(0, input.limit);
      return { items, nextCursor: rows.length > input.limit ? items.at(-1)!.id : null };
    }),

  /** A client's record and history. Every read is audited (`client.view`) before it is answered. */
  byId: staffProcedure
    .input(ZClientByIdInput)
    .output(ZClientHistory)
    .query(async ({ ctx, input }) => {
      const client = await ctx.db.user.findFirst({
        where: { id: input.id, role: 'CLIENT' },
        select: clientSelect,
      });
      if (!client) throw notFound('Client');
      await recordAudit(ctx.db, ctx, {
        action: 'client.view',
        entityType: 'User',
        entityId: client.id,
        metadata: { via: 'client.byId' },
      });
      const [reservations, reservationCount, packages, packageCount] = await Promise.all([
        ctx.db.reservation.findMany({
          where: { clientId: client.id },
          select: reservationSelect,
          orderBy: [{ startsAt: 'desc' }, { id: 'desc' }],
          take: HISTORY_LIMIT,
        }),
        ctx.db.reservation.count({ where: { clientId: client.id } }),
        ctx.db.userPackage.findMany({
          where: { userId: client.id },
          select: walletSelect,
          orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
          take: HISTORY_LIMIT,
        }),
        ctx.db.userPackage.count({ where: { userId: client.id } }),
      ]);
      const now = ctx.services.now();
      return {
        client,
        reservations,
        reservationCount,
        packages: packages.map((row) => presentWalletItem(row, now)),
        packageCount,
      };
    }),

  create,
  update,
  merge,
} satisfies TRPCRouterRecord;

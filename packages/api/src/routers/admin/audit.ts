import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import type { Prisma } from '@eventora/tenancy';

import { platformProcedure } from '../../trpc';
import { ZAdminAuditListInput } from '../../schemas/admin';

const entrySelect = {
  id: true,
  operatorId: true,
  action: true,
  targetClinicId: true,
  reason: true,
  ip: true,
  createdAt: true,
} satisfies Prisma.PlatformAuditLogSelect;

const ZEntry = z.object({
  id: z.uuid(),
  operatorId: z.uuid().nullable(),
  action: z.string(),
  targetClinicId: z.uuid().nullable(),
  reason: z.string().nullable(),
  ip: z.string().nullable(),
  createdAt: z.date(),
});

/** Every operator action, newest first; filter by operator, clinic and action. */
export const adminAuditRouter = {
  list: platformProcedure
    .input(ZAdminAuditListInput)
    .output(z.object({ items: z.array(ZEntry), nextCursor: z.uuid().nullable() }))
    .query(async ({ ctx, input }) => {
      const items = await ctx.services.platform.platformAuditLog.findMany({
        where: {
          ...(input.operatorId ? { operatorId: input.operatorId } : {}),
          ...(input.clinicId ? { targetClinicId: input.clinicId } : {}),
          ...(input.action ? { action: { startsWith: input.action } } : {}),
        },
        // UUIDv7 ids sort by creation time.
        orderBy: { id: 'desc' },
        ...(input.cursor ? { cursor: { id: input.cursor }, skip: 1 } : {}),
        take: input.limit + 1,
        select: entrySelect,
      });
      const hasMore = items.length > input.limit;
      const page = hasMore ? items.slice(0, input.limit) : items;
      return { items: page, nextCursor: hasMore ? (page.at(-1)?.id ?? null) : null };
    }),

  /** The operators, for the log's filter (no password hashes, no sessions). */
  operators: platformProcedure
    .output(
      z.object({ items: z.array(z.object({ id: z.uuid(), email: z.string(), name: z.string() })) }),
    )
    .query(async ({ ctx }) => ({
      items: await ctx.services.platform.platformOperator.findMany({
        select: { id: true, email: true, name: true },
        orderBy: { email: 'asc' },
      }),
    })),
} satisfies TRPCRouterRecord;

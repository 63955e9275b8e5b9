import { z } from 'zod';

import { platformProcedure } from '../../../trpc';
import { grantSelect } from './grant';
import { describeGrants, ZGrant } from './grant-view';
import { ZAdminAccessListInput } from '../../../schemas/admin';

export const list = platformProcedure
  .input(ZAdminAccessListInput)
  .output(z.object({ items: z.array(ZGrant) }))
  .query(async ({ ctx, input }) => {
    const now = ctx.services.now();
    const rows = await ctx.services.platform.platformAccessGrant.findMany({
      where: {
        ...(input.clinicId ? { targetClinicId: input.clinicId } : {}),
        ...(input.mineOnly ? { operatorId: ctx.operator.id } : {}),
        ...(input.activeOnly ? { closedAt: null, expiresAt: { gt: now } } : {}),
      },
      // UUIDv7 ids sort by creation time.
      orderBy: { id: 'desc' },
      take: input.limit,
      select: grantSelect,
    });
    return { items: await describeGrants(ctx, rows) };
  });

import { z } from 'zod';
import type { Prisma } from '@eventora/tenancy';

import { platformProcedure } from '../../../trpc';
import { registrySelect, toDetail, ZClinicSummary } from './registry';
import { ZAdminClinicListInput } from '../../../schemas/admin';

export const list = platformProcedure
  .input(ZAdminClinicListInput)
  .output(z.object({ items: z.array(ZClinicSummary), total: z.number() }))
  .query(async ({ ctx, input }) => {
    const where = {
      ...(input.mode ? { mode: input.mode } : {}),
      ...(input.status ? { status: input.status } : {}),
      ...(input.search
        ? {
            OR: [
              { slug: { contains: input.search, mode: 'insensitive' } },
              { name: { contains: input.search, mode: 'insensitive' } },
            ],
          }
        : {}),
    } satisfies Prisma.ClinicWhereInput;
    const [rows, total] = await Promise.all([
      ctx.services.platform.clinic.findMany({
        where,
        select: registrySelect,
        orderBy: [{ [input.sort]: input.direction }, { slug: 'asc' }],
        skip: (input.page - 1) * input.pageSize,
        take: input.pageSize,
      }),
      ctx.services.platform.clinic.count({ where }),
    ]);
    const items = await Promise.all(rows.map((row) => toDetail(ctx.services, row)));
    return { items, total };
  });

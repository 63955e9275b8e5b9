import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { isStaffRole } from '@eventora/auth';
import type { Prisma } from '@eventora/tenancy';

import { recordAudit } from '../../audit/record-audit';
import { AppError, notFound } from '../../errors/app-error';
import { clinicProcedure, staffProcedure } from '../../trpc';
import {
  ZCatalogArchiveInput,
  ZCatalogByIdInput,
  ZCatalogCreateInput,
  ZCatalogListInput,
  ZCatalogUpdateInput,
} from '../../schemas/catalog';

// Stripe ids stay out: they are billing's business, not a client's or the portal's.
const packageSelect = {
  id: true,
  name: true,
  description: true,
  sessionsIncluded: true,
  priceCents: true,
  currency: true,
  validityDays: true,
  archivedAt: true,
} satisfies Prisma.PackageSelect;

export const ZPackage = z.object({
  id: z.uuid(),
  name: z.string(),
  description: z.string().nullable(),
  sessionsIncluded: z.number(),
  priceCents: z.number(),
  currency: z.string(),
  validityDays: z.number(),
  archivedAt: z.date().nullable(),
});

export const catalogRouter = {
  /** The packages on sale, for every signed-in user; archived ones for staff only. */
  list: clinicProcedure
    .input(ZCatalogListInput)
    .output(z.array(ZPackage))
    .query(({ ctx, input }) => {
      if (input.includeArchived && !isStaffRole(ctx.user.role)) {
        throw new AppError('FORBIDDEN', 'Only staff can see archived packages.');
      }
      return ctx.db.package.findMany({
        where: input.includeArchived ? {} : { archivedAt: null },
        select: packageSelect,
        orderBy: [{ name: 'asc' }, { id: 'asc' }],
      });
    }),

  /** An archived package is off sale: only staff still see it. */
  byId: clinicProcedure
    .input(ZCatalogByIdInput)
    .output(ZPackage)
    .query(async ({ ctx, input }) => {
      const row = await ctx.db.package.findFirst({
        where: { id: input.id, ...(isStaffRole(ctx.user.role) ? {} : { archivedAt: null }) },
        select: packageSelect,
      });
      if (!row) throw notFound('Package');
      return row;
    }),

  create: staffProcedure
    .input(ZCatalogCreateInput)
    .output(ZPackage)
    .mutation(({ ctx, input }) =>
      ctx.db.$transaction(async (tx) => {
        const row = await tx.package.create({
          data: { clinicId: ctx.clinic.id, ...input, description: input.description ?? null },
          select: packageSelect,
        });
        await recordAudit(tx, ctx, {
          action: 'catalog.create',
          entityType: 'Package',
          entityId: row.id,
        });
        return row;
      }),
    ),

  /** Purchases already made keep the credits and expiry they were sold with. */
  update: staffProcedure
    .input(ZCatalogUpdateInput)
    .output(ZPackage)
    .mutation(({ ctx, input }) =>
      ctx.db.$transaction(async (tx) => {
        const { id, ...fields } = input;
        const existing = await tx.package.findFirst({ where: { id }, select: { id: true } });
        if (!existing) throw notFound('Package');
        const row = await tx.package.update({
          where: { clinicId_id: { clinicId: ctx.clinic.id, id } },
          data: fields,
          select: packageSelect,
        });
        await recordAudit(tx, ctx, {
          action: 'catalog.update',
          entityType: 'Package',
          entityId: id,
          metadata: { fields: Object.keys(fields) },
        });
        return row;
      }),
    ),

  /** Takes the package off sale; credits already bought stay usable. Idempotent. */
  archive: staffProcedure
    .input(ZCatalogArchiveInput)
    .output(ZPackage)
    .mutation(({ ctx, input }) =>
      ctx.db.$transaction(async (tx) => {
        const existing = await tx.package.findFirst({
          where: { id: input.id },
          select: packageSelect,
        });
        if (!existing) throw notFound('Package');
        if (existing.archivedAt) return existing;
        const row = await tx.package.update({
          where: { clinicId_id: { clinicId: ctx.clinic.id, id: input.id } },
          data: { archivedAt: ctx.services.now() },
          select: packageSelect,
        });
        await recordAudit(tx, ctx, {
          action: 'catalog.archive',
          entityType: 'Package',
          entityId: input.id,
        });
        return row;
      }),
    ),
} satisfies TRPCRouterRecord;

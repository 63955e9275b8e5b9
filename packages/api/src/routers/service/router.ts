import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import type { Prisma, TenantClient } from '@eventora/tenancy';

import { recordAudit } from '../../audit/record-audit';
import { AppError, notFound } from '../../errors/app-error';
import { clinicProcedure, staffProcedure } from '../../trpc';
import { readClinicSettings, registryOf } from '../settings/clinic-settings';
import {
  ZServiceArchiveInput,
  ZServiceCreateInput,
  ZServiceListInput,
  ZServiceUpdateInput,
} from '../../schemas/service';

const serviceSelect = {
  id: true,
  name: true,
  description: true,
  durationMinutes: true,
  priceCents: true,
  currency: true,
  archivedAt: true,
  therapists: {
    where: { therapist: { archivedAt: null } },
    select: { therapist: { select: { id: true, name: true } } },
    orderBy: { therapist: { name: 'asc' } },
  },
} satisfies Prisma.ServiceSelect;

type ServiceRow = Prisma.ServiceGetPayload<{ select: typeof serviceSelect }>;

export const ZService = z.object({
  id: z.uuid(),
  name: z.string(),
  description: z.string().nullable(),
  durationMinutes: z.number().int(),
  priceCents: z.number().int(),
  currency: z.string(),
  archivedAt: z.date().nullable(),
  therapists: z.array(z.object({ id: z.uuid(), name: z.string() })),
});

const toService = ({ therapists, ...row }: ServiceRow): z.infer<typeof ZService> => ({
  ...row,
  therapists: therapists.map(({ therapist }) => therapist),
});

type ServiceWriter = Pick<TenantClient, 'therapist' | 'therapistService'>;

/** Replaces who offers a service. A therapist id that is not the clinic's (or archived) is NOT_FOUND. */
async function setTherapists(
  tx: ServiceWriter,
  clinicId: string,
  serviceId: string,
  therapistIds: readonly string[],
): Promise<void> {
  const ids = [...new Set(therapistIds)];
  const found = await tx.therapist.count({ where: { id: { in: ids }, archivedAt: null } });
  if (found !== ids.length) throw notFound('Therapist');
  await tx.therapistService.deleteMany({ where: { serviceId } });
  if (ids.length > 0) {
    await tx.therapistService.createMany({
      data: ids.map((therapistId) => ({ clinicId, serviceId, therapistId })),
    });
  }
}

export const serviceRouter = {
  /** What can be booked: every signed-in user sees the services on offer; staff the archived too. */
  list: clinicProcedure
    .input(ZServiceListInput)
    .output(z.array(ZService))
    .query(async ({ ctx, input }) => {
      if (input.includeArchived && ctx.user.role !== 'OWNER' && ctx.user.role !== 'STAFF') {
        throw new AppError('FORBIDDEN', 'Only staff can see archived services.');
      }
      const rows = await ctx.db.service.findMany({
        where: {
          ...(input.includeArchived ? {} : { archivedAt: null }),
          ...(input.therapistId
            ? { therapists: { some: { therapistId: input.therapistId } } }
            : {}),
        },
        select: serviceSelect,
        orderBy: [{ name: 'asc' }, { id: 'asc' }],
      });
      return rows.map(toService);
    }),

  create: staffProcedure
    .input(ZServiceCreateInput)
    .output(ZService)
    .mutation(({ ctx, input }) =>
      ctx.db.$transaction(async (tx) => {
        const { therapistIds, ...fields } = input;
        const { id } = await tx.service.create({
          data: {
            ...fields,
            clinicId: ctx.clinic.id,
            description: fields.description ?? null,
            currency:
              fields.currency ??
              (await readClinicSettings(registryOf(ctx, tx), ctx.clinic.id)).currency,
          },
          select: { id: true },
        });
        await setTherapists(tx, ctx.clinic.id, id, therapistIds);
        await recordAudit(tx, ctx, {
          action: 'service.create',
          entityType: 'Service',
          entityId: id,
          metadata: { durationMinutes: input.durationMinutes, therapistIds },
        });
        return toService(
          await tx.service.findFirstOrThrow({ where: { id }, select: serviceSelect }),
        );
      }),
    ),

  /** Bookings already made keep the times they were booked with. */
  update: staffProcedure
    .input(ZServiceUpdateInput)
    .output(ZService)
    .mutation(({ ctx, input }) =>
      ctx.db.$transaction(async (tx) => {
        const { id, therapistIds, ...fields } = input;
        const existing = await tx.service.findFirst({ where: { id }, select: { id: true } });
        if (!existing) throw notFound('Service');
        await tx.service.update({
          where: { clinicId_id: { clinicId: ctx.clinic.id, id } },
          data: fields,
          select: { id: true },
        });
        if (therapistIds) await setTherapists(tx, ctx.clinic.id, id, therapistIds);
        await recordAudit(tx, ctx, {
          action: 'service.update',
          entityType: 'Service',
          entityId: id,
          metadata: { fields: Object.keys(fields), ...(therapistIds ? { therapistIds } : {}) },
        });
        return toService(
          await tx.service.findFirstOrThrow({ where: { id }, select: serviceSelect }),
        );
      }),
    ),

  /** Off the menu for new bookings; existing ones keep it. */
  archive: staffProcedure
    .input(ZServiceArchiveInput)
    .output(ZService)
    .mutation(({ ctx, input }) =>
      ctx.db.$transaction(async (tx) => {
        const { count } = await tx.service.updateMany({
          where: { id: input.id, archivedAt: null },
          data: { archivedAt: ctx.services.now() },
        });
        const row = await tx.service.findFirst({ where: { id: input.id }, select: serviceSelect });
        if (!row) throw notFound('Service');
        if (count === 1) {
          await recordAudit(tx, ctx, {
            action: 'service.archive',
            entityType: 'Service',
            entityId: input.id,
          });
        }
        return toService(row);
      }),
    ),
} satisfies TRPCRouterRecord;

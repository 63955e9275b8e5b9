import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { isStaffRole } from '@eventora/auth';
import type { Prisma, TenantTransaction } from '@eventora/tenancy';

import { recordAudit } from '../../audit/record-audit';
import { AppError, notFound } from '../../errors/app-error';
import { clinicProcedure, staffProcedure } from '../../trpc';
import { assignBranches } from './assign-branches';
import { availability } from './availability';
import {
  ZTherapistArchiveInput,
  ZTherapistByIdInput,
  ZTherapistCreateInput,
  ZTherapistListInput,
  ZTherapistUpdateInput,
} from '../../schemas/therapist';

const therapistSelect = {
  id: true,
  name: true,
  bio: true,
  sessionMinutes: true,
  archivedAt: true,
  userId: true,
  branches: {
    select: {
      branchId: true,
      branch: { select: { name: true } },
      shifts: {
        select: { weekday: true, startsAt: true, endsAt: true },
        orderBy: [{ weekday: 'asc' }, { startsAt: 'asc' }],
      },
    },
    orderBy: { branch: { name: 'asc' } },
  },
} satisfies Prisma.TherapistSelect;

type TherapistRow = Prisma.TherapistGetPayload<{ select: typeof therapistSelect }>;

export const ZTherapist = z.object({
  id: z.uuid(),
  name: z.string(),
  bio: z.string().nullable(),
  sessionMinutes: z.number(),
  archivedAt: z.date().nullable(),
  /** Staff only: which login is this therapist's. */
  userId: z.uuid().nullable().optional(),
  branches: z.array(
    z.object({
      branchId: z.uuid(),
      branchName: z.string(),
      shifts: z.array(z.object({ weekday: z.number(), startsAt: z.number(), endsAt: z.number() })),
    }),
  ),
});

function present(row: TherapistRow, staff: boolean): z.infer<typeof ZTherapist> {
  const { userId, branches, ...rest } = row;
  return {
    ...rest,
    ...(staff ? { userId } : {}),
    branches: branches.map(({ branchId, branch, shifts }) => ({
      branchId,
      branchName: branch.name,
      shifts,
    })),
  };
}

/** A user may be linked only if they are a THERAPIST of this clinic and not linked elsewhere. */
async function checkLinkableUser(tx: TenantTransaction, userId: string, therapistId?: string) {
  const user = await tx.user.findFirst({
    where: { id: userId },
    select: { role: true, therapist: { select: { id: true } } },
  });
  if (!user) throw notFound('User');
  if (user.role !== 'THERAPIST') {
    throw new AppError('UNPROCESSABLE', 'Only a therapist’s login can be linked.', [
      { field: 'userId', message: 'This user is not a therapist.' },
    ]);
  }
  if (user.therapist && user.therapist.id !== therapistId) {
    throw new AppError('CONFLICT', 'That login already belongs to another therapist.', [
      { field: 'userId', message: 'Already linked to another therapist.' },
    ]);
  }
}

export const therapistRouter = {
  /** Every signed-in user of the clinic; archived therapists for staff only. */
  list: clinicProcedure
    .input(ZTherapistListInput)
    .output(z.array(ZTherapist))
    .query(async ({ ctx, input }) => {
      const staff = isStaffRole(ctx.user.role);
      if (input.includeArchived && !staff) {
        throw new AppError('FORBIDDEN', 'Only staff can see archived therapists.');
      }
      const rows = await ctx.db.therapist.findMany({
        where: {
          ...(input.includeArchived ? {} : { archivedAt: null }),
          ...(input.branchId ? { branches: { some: { branchId: input.branchId } } } : {}),
        },
        select: therapistSelect,
        orderBy: [{ name: 'asc' }, { id: 'asc' }],
      });
      return rows.map((row) => present(row, staff));
    }),

  byId: clinicProcedure
    .input(ZTherapistByIdInput)
    .output(ZTherapist)
    .query(async ({ ctx, input }) => {
      const row = await ctx.db.therapist.findFirst({
        where: { id: input.id },
        select: therapistSelect,
      });
      if (!row) throw notFound('Therapist');
      return present(row, isStaffRole(ctx.user.role));
    }),

  create: staffProcedure
    .input(ZTherapistCreateInput)
    .output(ZTherapist)
    .mutation(({ ctx, input }) =>
      ctx.db.$transaction(async (tx) => {
        if (input.userId) await checkLinkableUser(tx, input.userId);
        const { id } = await tx.therapist.create({
          data: {
            clinicId: ctx.clinic.id,
            name: input.name,
            bio: input.bio ?? null,
            sessionMinutes: input.sessionMinutes,
            userId: input.userId ?? null,
          },
          select: { id: true },
        });
        await assignBranches(tx, ctx.clinic.id, id, input.branches);
        await recordAudit(tx, ctx, {
          action: 'therapist.create',
          entityType: 'Therapist',
          entityId: id,
        });
        return present(
          await tx.therapist.findFirstOrThrow({ where: { id }, select: therapistSelect }),
          true,
        );
      }),
    ),

  update: staffProcedure
    .input(ZTherapistUpdateInput)
    .output(ZTherapist)
    .mutation(({ ctx, input }) =>
      ctx.db.$transaction(async (tx) => {
        const { id, branches, ...fields } = input;
        const existing = await tx.therapist.findFirst({ where: { id }, select: { id: true } });
        if (!existing) throw notFound('Therapist');
        if (fields.userId) await checkLinkableUser(tx, fields.userId, id);
        await tx.therapist.update({
          where: { clinicId_id: { clinicId: ctx.clinic.id, id } },
          data: fields,
          select: { id: true },
        });
        if (branches) await assignBranches(tx, ctx.clinic.id, id, branches);
        await recordAudit(tx, ctx, {
          action: 'therapist.update',
          entityType: 'Therapist',
          entityId: id,
          metadata: { fields: Object.keys(input).filter((key) => key !== 'id') },
        });
        return present(
          await tx.therapist.findFirstOrThrow({ where: { id }, select: therapistSelect }),
          true,
        );
      }),
    ),

  /** Hides the therapist from lists and booking; idempotent. */
  archive: staffProcedure
    .input(ZTherapistArchiveInput)
    .output(ZTherapist)
    .mutation(({ ctx, input }) =>
      ctx.db.$transaction(async (tx) => {
        const existing = await tx.therapist.findFirst({
          where: { id: input.id },
          select: { archivedAt: true },
        });
        if (!existing) throw notFound('Therapist');
        if (!existing.archivedAt) {
          await tx.therapist.update({
            where: { clinicId_id: { clinicId: ctx.clinic.id, id: input.id } },
            data: { archivedAt: ctx.services.now() },
            select: { id: true },
          });
          await recordAudit(tx, ctx, {
            action: 'therapist.archive',
            entityType: 'Therapist',
            entityId: input.id,
          });
        }
        return present(
          await tx.therapist.findFirstOrThrow({ where: { id: input.id }, select: therapistSelect }),
          true,
        );
      }),
    ),

  // `availability` (free slots under the booking rules) is built with reservation.* in
  // ./availability.ts and joins this object here.
  availability,
} satisfies TRPCRouterRecord;

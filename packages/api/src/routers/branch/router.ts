import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { isStaffRole } from '@eventora/auth';
import type { Prisma, TenantTransaction } from '@eventora/tenancy';

import { recordAudit } from '../../audit/record-audit';
import { AppError, notFound } from '../../errors/app-error';
import { clinicProcedure, staffProcedure } from '../../trpc';
import type { ZOpeningHours } from '../../schemas/branch';
import {
  ZBranchArchiveInput,
  ZBranchByIdInput,
  ZBranchCreateInput,
  ZBranchListInput,
  ZBranchUpdateInput,
} from '../../schemas/branch';
import { describeInterval, fitsWithin } from '../../schemas/weekly-hours';

const branchSelect = {
  id: true,
  name: true,
  address: true,
  timezone: true,
  archivedAt: true,
  openingHours: {
    select: { weekday: true, opensAt: true, closesAt: true },
    orderBy: [{ weekday: 'asc' }, { opensAt: 'asc' }],
  },
} satisfies Prisma.BranchSelect;

export const ZBranch = z.object({
  id: z.uuid(),
  name: z.string(),
  address: z.string().nullable(),
  timezone: z.string(),
  archivedAt: z.date().nullable(),
  openingHours: z.array(
    z.object({ weekday: z.number(), opensAt: z.number(), closesAt: z.number() }),
  ),
});

export const branchRouter = {
  /** Every signed-in user of the clinic (clients pick a branch to book); archived ones for staff only. */
  list: clinicProcedure
    .input(ZBranchListInput)
    .output(z.array(ZBranch))
    .query(({ ctx, input }) => {
      if (input.includeArchived && !isStaffRole(ctx.user.role)) {
        throw new AppError('FORBIDDEN', 'Only staff can see archived branches.');
      }
      return ctx.db.branch.findMany({
        where: input.includeArchived ? {} : { archivedAt: null },
        select: branchSelect,
        orderBy: [{ name: 'asc' }, { id: 'asc' }],
      });
    }),

  /** Archived branches too: a client's past reservations still name them. */
  byId: clinicProcedure
    .input(ZBranchByIdInput)
    .output(ZBranch)
    .query(async ({ ctx, input }) => {
      const branch = await ctx.db.branch.findFirst({
        where: { id: input.id },
        select: branchSelect,
      });
      if (!branch) throw notFound('Branch');
      return branch;
    }),

  create: staffProcedure
    .input(ZBranchCreateInput)
    .output(ZBranch)
    .mutation(({ ctx, input }) =>
      ctx.db.$transaction(async (tx) => {
        const { id } = await tx.branch.create({
          data: {
            clinicId: ctx.clinic.id,
            name: input.name,
            address: input.address ?? null,
            timezone: input.timezone,
          },
          select: { id: true },
        });
        await tx.openingHours.createMany({
          data: input.openingHours.map((hours) => ({
            clinicId: ctx.clinic.id,
            branchId: id,
            ...hours,
          })),
        });
        await recordAudit(tx, ctx, { action: 'branch.create', entityType: 'Branch', entityId: id });
        return tx.branch.findFirstOrThrow({ where: { id }, select: branchSelect });
      }),
    ),

  /**
   * Opening hours, when given, replace the whole week in the same transaction as the rest; a
   * week that would leave a therapist's shift outside the branch's hours is refused.
   */
  update: staffProcedure
    .input(ZBranchUpdateInput)
    .output(ZBranch)
    .mutation(({ ctx, input }) =>
      ctx.db.$transaction(async (tx) => {
        const { id, openingHours, ...fields } = input;
        const existing = await tx.branch.findFirst({ where: { id }, select: { id: true } });
        if (!existing) throw notFound('Branch');
        await tx.branch.update({
          where: { clinicId_id: { clinicId: ctx.clinic.id, id } },
          data: fields,
          select: { id: true },
        });
        if (openingHours) {
          await tx.openingHours.deleteMany({ where: { branchId: id } });
          await tx.openingHours.createMany({
            data: openingHours.map((hours) => ({
              clinicId: ctx.clinic.id,
              branchId: id,
              ...hours,
            })),
          });
          await refuseShiftsOutside(tx, id, openingHours);
        }
        await recordAudit(tx, ctx, {
          action: 'branch.update',
          entityType: 'Branch',
          entityId: id,
          metadata: { fields: Object.keys(input).filter((key) => key !== 'id') },
        });
        return tx.branch.findFirstOrThrow({ where: { id }, select: branchSelect });
      }),
    ),

  /** Hides the branch from lists and booking; idempotent (archiving twice changes nothing). */
  archive: staffProcedure
    .input(ZBranchArchiveInput)
    .output(ZBranch)
    .mutation(({ ctx, input }) =>
      ctx.db.$transaction(async (tx) => {
        const existing = await tx.branch.findFirst({
          where: { id: input.id },
          select: { archivedAt: true },
        });
        if (!existing) throw notFound('Branch');
        if (!existing.archivedAt) {
          await tx.branch.update({
            where: { clinicId_id: { clinicId: ctx.clinic.id, id: input.id } },
            data: { archivedAt: ctx.services.now() },
            select: { id: true },
          });
          await recordAudit(tx, ctx, {
            action: 'branch.archive',
            entityType: 'Branch',
            entityId: input.id,
          });
        }
        return tx.branch.findFirstOrThrow({ where: { id: input.id }, select: branchSelect });
      }),
    ),
} satisfies TRPCRouterRecord;

/** Shifts of active therapists at the branch that the new opening hours would leave outside. */
async function refuseShiftsOutside(
  tx: TenantTransaction,
  branchId: string,
  hours: z.infer<typeof ZOpeningHours>,
): Promise<void> {
  const open = hours.map((h) => ({ weekday: h.weekday, start: h.opensAt, end: h.closesAt }));
  const shifts = await tx.therapistShift.findMany({
    where: { branchId, assignment: { therapist: { archivedAt: null } } },
    select: {
      weekday: true,
      startsAt: true,
      endsAt: true,
      assignment: { select: { therapist: { select: { name: true } } } },
    },
    orderBy: [{ weekday: 'asc' }, { startsAt: 'asc' }],
  });
  const outside = shifts
    .map((shift) => ({
      name: shift.assignment.therapist.name,
      interval: { weekday: shift.weekday, start: shift.startsAt, end: shift.endsAt },
    }))
    .filter(({ interval }) => !fitsWithin(open, interval));
  if (outside.length > 0) {
    throw new AppError(
      'UNPROCESSABLE',
      'These opening hours would leave therapists’ shifts outside them; change the shifts first.',
      outside.slice(0, 20).map(({ name, interval }) => ({
        field: 'openingHours',
        message: `${name} works ${describeInterval(interval)}.`,
      })),
    );
  }
}

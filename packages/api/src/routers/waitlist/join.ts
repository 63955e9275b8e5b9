import { AppError, notFound } from '../../errors/app-error';
import { localDateOf, compareLocalDates } from '../../booking/local-time';
import { localDateOfColumn } from '../../booking/days-off';
import { clinicProcedure } from '../../trpc';
import { recordAudit } from '../../audit/record-audit';
import { toWaitlistOutput, waitlistEntrySelect, ZWaitlistEntry } from './waitlist-output';
import { ZWaitlistJoinInput } from '../../schemas/waitlist';

/**
 * A client joins the waitlist for a day at a branch (with one therapist, or any): when a
 * session of that day is freed, the first client waiting gets it offered. Once per client,
 * branch, day and therapist while waiting; not for a day already past on the branch's clock.
 */
export const join = clinicProcedure
  .input(ZWaitlistJoinInput)
  .output(ZWaitlistEntry)
  .mutation(async ({ ctx, input }) => {
    if (ctx.user.role !== 'CLIENT') {
      throw new AppError('FORBIDDEN', 'Clients join the waitlist from their own account.');
    }
    const day = new Date(`${input.day}T00:00:00Z`);
    return ctx.db.$transaction(async (tx) => {
      const branch = await tx.branch.findFirst({
        where: { id: input.branchId, archivedAt: null },
        select: { id: true, timezone: true },
      });
      if (!branch) throw notFound('Branch');
      if (input.therapistId) {
        const therapist = await tx.therapist.findFirst({
          where: {
            id: input.therapistId,
            archivedAt: null,
            branches: { some: { branchId: branch.id } },
          },
          select: { id: true },
        });
        if (!therapist) throw notFound('Therapist');
      }
      if (input.serviceId) {
        const service = await tx.service.findFirst({
          where: { id: input.serviceId, archivedAt: null },
          select: { id: true },
        });
        if (!service) throw notFound('Service');
      }
      const today = localDateOf(ctx.services.now(), branch.timezone);
      if (compareLocalDates(localDateOfColumn(day), today) < 0) {
        throw new AppError('UNPROCESSABLE', 'That day has passed.', [
          { field: 'day', message: 'Pick today or a later day.' },
        ]);
      }
      const open = await tx.waitlistEntry.findFirst({
        where: {
          clientId: ctx.user.id,
          branchId: branch.id,
          day,
          therapistId: input.therapistId ?? null,
          status: { in: ['waiting', 'offered'] },
        },
        select: { id: true },
      });
      if (open) throw new AppError('CONFLICT', 'You are already on the waitlist for that day.');
      // The open-entry unique index backs this check up against a double click (CONFLICT too).
      const entry = await tx.waitlistEntry.create({
        data: {
          clinicId: ctx.clinic.id,
          clientId: ctx.user.id,
          branchId: branch.id,
          therapistId: input.therapistId ?? null,
          serviceId: input.serviceId ?? null,
          day,
        },
        select: waitlistEntrySelect,
      });
      await recordAudit(tx, ctx, {
        action: 'waitlist.join',
        entityType: 'WaitlistEntry',
        entityId: entry.id,
        metadata: { branchId: branch.id, day: input.day, therapistId: input.therapistId ?? null },
      });
      return toWaitlistOutput(entry);
    });
  });

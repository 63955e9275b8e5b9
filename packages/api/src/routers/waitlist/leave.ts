import { recordAudit } from '../../audit/record-audit';
import { readWaitlistHoldMinutes } from '../../booking/waitlist-hold';
import { offerFreedSlot } from '../../booking/waitlist-offer';
import { AppError, notFound } from '../../errors/app-error';
import { clinicProcedure } from '../../trpc';
import { toWaitlistOutput, waitlistEntrySelect, ZWaitlistEntry } from './waitlist-output';
import { ZWaitlistLeaveInput } from '../../schemas/waitlist';

/**
 * A client leaves the waitlist. A slot offered to them and not yet taken passes straight to
 * the next client waiting. Only one's own entries: anyone else's answers NOT_FOUND.
 */
export const leave = clinicProcedure
  .input(ZWaitlistLeaveInput)
  .output(ZWaitlistEntry)
  .mutation(async ({ ctx, input }) => {
    const now = ctx.services.now();
    const holdMinutes = await readWaitlistHoldMinutes(ctx.services, ctx.clinic.id);
    return ctx.db.$transaction(async (tx) => {
      const entry = await tx.waitlistEntry.findFirst({
        where: { id: input.id, clientId: ctx.user.id },
        select: {
          id: true,
          status: true,
          branchId: true,
          offerTherapistId: true,
          offerServiceId: true,
          offerStartsAt: true,
          offerEndsAt: true,
        },
      });
      if (!entry) throw notFound('Waitlist entry');
      const { count } = await tx.waitlistEntry.updateMany({
        where: { id: entry.id, status: { in: ['waiting', 'offered'] } },
        data: { status: 'left' },
      });
      if (count === 0) throw new AppError('CONFLICT', 'You are no longer on this waitlist.');
      if (
        entry.status === 'offered' &&
        entry.offerTherapistId &&
        entry.offerStartsAt &&
        entry.offerEndsAt
      ) {
        await offerFreedSlot(
          tx,
          {
            therapistId: entry.offerTherapistId,
            branchId: entry.branchId,
            serviceId: entry.offerServiceId,
            startsAt: entry.offerStartsAt,
            endsAt: entry.offerEndsAt,
          },
          {
            now,
            holdMinutes,
            portalUrl: ctx.services.portalUrl(ctx.clinic.slug),
            excludeClientIds: [ctx.user.id],
          },
        );
      }
      await recordAudit(tx, ctx, {
        action: 'waitlist.leave',
        entityType: 'WaitlistEntry',
        entityId: entry.id,
        metadata: { status: entry.status },
      });
      const left = await tx.waitlistEntry.findFirstOrThrow({
        where: { id: entry.id },
        select: waitlistEntrySelect,
      });
      return toWaitlistOutput(left);
    });
  });

import { recordAudit } from '../../audit/record-audit';
import { readWaitlistHoldMinutes } from '../../booking/waitlist-hold';
import { offeredSlot, offeredSlotSelect, offerFreedSlot } from '../../booking/waitlist-offer';
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
        select: { id: true, status: true, ...offeredSlotSelect },
      });
      if (!entry) throw notFound('Waitlist entry');
      const { count } = await tx.waitlistEntry.updateMany({
        where: { id: entry.id, status: { in: ['waiting', 'offered'] } },
        data: { status: 'left' },
      });
      if (count === 0) throw new AppError('CONFLICT', 'You are no longer on this waitlist.');
      const slot = entry.status === 'offered' ? offeredSlot(entry) : null;
      if (slot) {
        await offerFreedSlot(tx, slot, {
          now,
          holdMinutes,
          portalUrl: ctx.services.portalUrl(ctx.clinic.slug),
          excludeClientIds: [ctx.user.id],
        });
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

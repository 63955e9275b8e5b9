import { z } from 'zod';

import { staffProcedure } from '../../trpc';
import { toWaitlistOutput, waitlistEntrySelect, ZWaitlistEntry } from './waitlist-output';
import { ZWaitlistForDayInput } from '../../schemas/waitlist';

/** Staff: everyone on the waitlist for a day (each branch's calendar), in the order they joined. */
export const forDay = staffProcedure
  .input(ZWaitlistForDayInput)
  .output(z.object({ items: z.array(ZWaitlistEntry) }))
  .query(async ({ ctx, input }) => {
    const rows = await ctx.db.waitlistEntry.findMany({
      where: { day: new Date(`${input.day}T00:00:00Z`), branchId: input.branchId },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      take: 200,
      select: waitlistEntrySelect,
    });
    return { items: rows.map(toWaitlistOutput) };
  });

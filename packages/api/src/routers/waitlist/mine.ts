import { z } from 'zod';

import { clinicProcedure } from '../../trpc';
import { toWaitlistOutput, waitlistEntrySelect, ZWaitlistEntry } from './waitlist-output';

/** The caller's open waitlist entries (waiting, or with a slot offered), soonest day first. */
export const mine = clinicProcedure
  .output(z.object({ items: z.array(ZWaitlistEntry) }))
  .query(async ({ ctx }) => {
    // Yesterday in UTC covers every zone's today: a day already past drops off the list.
    const since = new Date(ctx.services.now().getTime() - 86_400_000);
    since.setUTCHours(0, 0, 0, 0);
    const rows = await ctx.db.waitlistEntry.findMany({
      where: { clientId: ctx.user.id, status: { in: ['waiting', 'offered'] }, day: { gte: since } },
      orderBy: [{ day: 'asc' }, { createdAt: 'asc' }],
      take: 50,
      select: waitlistEntrySelect,
    });
    return { items: rows.map(toWaitlistOutput) };
  });

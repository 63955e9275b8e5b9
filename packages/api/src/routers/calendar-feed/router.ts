import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { generateSecretToken, hashSecretToken } from '@eventora/auth';

import { recordAudit } from '../../audit/record-audit';
import { clinicProcedure } from '../../trpc';

const ZFeedState = z.object({
  /** When the live feed was made; null when there is none. Its URL is never shown again. */
  activeSince: z.date().nullable(),
});

/**
 * Private calendar (ICS) feeds: each person (a client, or a therapist) may have one live feed of
 * their own bookings at this clinic. The URL holds a secret token, shown once at creation; only
 * its SHA-256 is stored, so a lost URL is replaced, not shown again. Making a new one revokes
 * the old; revoking stops the feed at once. Both are audited.
 */
export const calendarFeedRouter = {
  /** Whether the signed-in person has a live feed. */
  mine: clinicProcedure.output(ZFeedState).query(async ({ ctx }) => {
    const feed = await ctx.db.calendarFeed.findFirst({
      where: { userId: ctx.user.id, revokedAt: null },
      orderBy: { createdAt: 'desc' },
      select: { createdAt: true },
    });
    return { activeSince: feed?.createdAt ?? null };
  }),

  /** A new feed URL (shown this once); any earlier feed of the person stops working. */
  create: clinicProcedure
    .output(z.object({ url: z.string(), activeSince: z.date() }))
    .mutation(({ ctx }) =>
      ctx.db.$transaction(async (tx) => {
        const now = ctx.services.now();
        const revoked = await tx.calendarFeed.updateMany({
          where: { userId: ctx.user.id, revokedAt: null },
          data: { revokedAt: now },
        });
        const token = generateSecretToken();
        const feed = await tx.calendarFeed.create({
          data: {
            clinicId: ctx.clinic.id,
            userId: ctx.user.id,
            tokenHash: hashSecretToken(token),
            createdAt: now,
          },
          select: { id: true, createdAt: true },
        });
        await recordAudit(tx, ctx, {
          action: 'calendar_feed.created',
          entityType: 'calendar_feed',
          entityId: feed.id,
          metadata: { replaced: revoked.count },
        });
        return {
          url: `${ctx.services.portalUrl(ctx.clinic.slug)}/api/calendar/${token}.ics`,
          activeSince: feed.createdAt,
        };
      }),
    ),

  /** Stops the person's feed at once; true when there was one. */
  revoke: clinicProcedure.output(z.object({ revoked: z.boolean() })).mutation(({ ctx }) =>
    ctx.db.$transaction(async (tx) => {
      const live = await tx.calendarFeed.findMany({
        where: { userId: ctx.user.id, revokedAt: null },
        select: { id: true },
      });
      if (live.length === 0) return { revoked: false };
      await tx.calendarFeed.updateMany({
        where: { id: { in: live.map((feed) => feed.id) } },
        data: { revokedAt: ctx.services.now() },
      });
      for (const feed of live) {
        await recordAudit(tx, ctx, {
          action: 'calendar_feed.revoked',
          entityType: 'calendar_feed',
          entityId: feed.id,
        });
      }
      return { revoked: true };
    }),
  ),
} satisfies TRPCRouterRecord;

import { z } from 'zod';

import { recordAudit } from '../../audit/record-audit';
import { collectPersonalData } from '../../privacy/personal-data';
import { authedProcedure } from '../../trpc';
import { ZPrivacyUpdateMyDetailsInput } from '../../schemas/privacy';

const ZMoney = z.object({ name: z.string(), priceCents: z.number().int(), currency: z.string() });

export const ZPersonalData = z.object({
  profile: z.object({
    id: z.uuid(),
    email: z.string(),
    name: z.string(),
    phone: z.string().nullable(),
    role: z.enum(['OWNER', 'STAFF', 'THERAPIST', 'CLIENT']),
    createdAt: z.date(),
  }),
  bookings: z.array(
    z.object({
      id: z.uuid(),
      startsAt: z.date(),
      endsAt: z.date(),
      status: z.enum(['booked', 'cancelled', 'completed', 'no_show']),
      cancelledAt: z.date().nullable(),
      createdAt: z.date(),
      branch: z.string(),
      therapist: z.string(),
    }),
  ),
  purchases: z.array(
    z.object({
      id: z.uuid(),
      creditsTotal: z.number().int(),
      creditsLeft: z.number().int(),
      expiresAt: z.date(),
      status: z.enum(['active', 'revoked']),
      createdAt: z.date(),
      package: ZMoney,
    }),
  ),
  payments: z.array(
    z.object({
      id: z.string(),
      status: z.enum(['open', 'completed', 'expired', 'failed', 'refunded']),
      createdAt: z.date(),
      package: ZMoney,
    }),
  ),
  consents: z.array(z.object({ noticeVersion: z.number().int(), acceptedAt: z.date() })),
  erasureRequests: z.array(
    z.object({
      id: z.uuid(),
      status: z.enum(['pending', 'approved', 'refused']),
      requestedAt: z.date(),
      decidedAt: z.date().nullable(),
      answer: z.string().nullable(),
    }),
  ),
  recordViews: z.array(
    z.object({
      at: z.date(),
      viewer: z.object({ name: z.string(), role: z.string().nullable() }),
    }),
  ),
});

/** Access and portability: everything the clinic holds about the signed-in person. */
export const myData = authedProcedure.output(ZPersonalData).query(async ({ ctx }) => {
  const data = await collectPersonalData(ctx.db, ctx.user.id);
  await recordAudit(ctx.db, ctx, {
    action: 'privacy.data_exported',
    entityType: 'User',
    entityId: ctx.user.id,
  });
  return data;
});

/** Rectification: the signed-in person corrects their own name and phone. */
export const updateMyDetails = authedProcedure
  .input(ZPrivacyUpdateMyDetailsInput)
  .output(z.object({ name: z.string(), phone: z.string().nullable() }))
  .mutation(async ({ ctx, input }) =>
    ctx.db.$transaction(async (tx) => {
      await tx.user.updateMany({
        where: { id: ctx.user.id },
        data: { name: input.name, phone: input.phone },
      });
      // Which fields changed, never their values: the log must not keep what erasure removes.
      await recordAudit(tx, ctx, {
        action: 'privacy.rectified',
        entityType: 'User',
        entityId: ctx.user.id,
        metadata: { fields: ['name', 'phone'] },
      });
      return { name: input.name, phone: input.phone };
    }),
  );

import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { isStaffRole } from '@eventora/auth';
import type { Prisma } from '@eventora/tenancy';

import { recordAudit } from '../../audit/record-audit';
import { notFound } from '../../errors/app-error';
import { clinicProcedure } from '../../trpc';
import { ZWalletByIdInput, ZWalletListInput } from '../../schemas/wallet';

export const walletSelect = {
  id: true,
  userId: true,
  packageId: true,
  creditsLeft: true,
  creditsTotal: true,
  expiresAt: true,
  status: true,
  createdAt: true,
  package: { select: { name: true } },
} satisfies Prisma.UserPackageSelect;

type WalletRow = Prisma.UserPackageGetPayload<{ select: typeof walletSelect }>;

export const ZWalletStatus = z.enum(['active', 'used_up', 'expired', 'revoked']);

export const ZWalletItem = z.object({
  id: z.uuid(),
  clientId: z.uuid(),
  packageId: z.uuid(),
  packageName: z.string(),
  creditsLeft: z.number(),
  creditsTotal: z.number(),
  expiresAt: z.date(),
  purchasedAt: z.date(),
  /** `active` means credits can be spent now. */
  status: ZWalletStatus,
});

/** What a client can do with a purchase now: revoked wins, then expiry, then credits. */
export function presentWalletItem(row: WalletRow, now: Date): z.infer<typeof ZWalletItem> {
  const status =
    row.status === 'revoked'
      ? 'revoked'
      : row.expiresAt <= now
        ? 'expired'
        : row.creditsLeft === 0
          ? 'used_up'
          : 'active';
  return {
    id: row.id,
    clientId: row.userId,
    packageId: row.packageId,
    packageName: row.package.name,
    creditsLeft: row.creditsLeft,
    creditsTotal: row.creditsTotal,
    expiresAt: row.expiresAt,
    purchasedAt: row.createdAt,
    status,
  };
}

export const walletRouter = {
  /**
   * A client's purchased packages, newest first. Staff reading someone's wallet is a read of
   * that client's record, so it is audited (`client.view`).
   */
  list: clinicProcedure
    .input(ZWalletListInput)
    .output(z.object({ items: z.array(ZWalletItem), nextCursor: z.uuid().nullable() }))
    .query(async ({ ctx, input }) => {
      const clientId = input.clientId ?? ctx.user.id;
      if (clientId !== ctx.user.id) {
        // Not staff: another user's wallet is answered exactly like a missing one.
        if (!isStaffRole(ctx.user.role)) throw notFound('Client');
        const client = await ctx.db.user.findFirst({
          where: { id: clientId, role: 'CLIENT' },
          select: { id: true },
        });
        if (!client) throw notFound('Client');
        await recordAudit(ctx.db, ctx, {
          action: 'client.view',
          entityType: 'User',
          entityId: clientId,
          metadata: { via: 'wallet.list' },
        });
      }
      const rows = await ctx.db.userPackage.findMany({
        where: { userId: clientId },
        select: walletSelect,
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        take: input.limit + 1,
        ...(input.cursor
          ? { cursor: { clinicId_id: { clinicId: ctx.clinic.id, id: input.cursor } }, skip: 1 }
          : {}),
      });
      const page = rows.slice(0, input.limit);
      const now = ctx.services.now();
      return {
        items: page.map((row) => presentWalletItem(row, now)),
        nextCursor: rows.length > input.limit ? page.at(-1)!.id : null,
      };
    }),

  /** One purchase: a client's own; staff any client's of the clinic (audited). */
  byId: clinicProcedure
    .input(ZWalletByIdInput)
    .output(ZWalletItem)
    .query(async ({ ctx, input }) => {
      const staff = isStaffRole(ctx.user.role);
      const row = await ctx.db.userPackage.findFirst({
        where: { id: input.id, ...(staff ? {} : { userId: ctx.user.id }) },
        select: walletSelect,
      });
      if (!row) throw notFound('Package purchase');
      if (row.userId !== ctx.user.id) {
        await recordAudit(ctx.db, ctx, {
          action: 'client.view',
          entityType: 'User',
          entityId: row.userId,
          metadata: { via: 'wallet.byId', userPackageId: row.id },
        });
      }
      return presentWalletItem(row, ctx.services.now());
    }),
} satisfies TRPCRouterRecord;

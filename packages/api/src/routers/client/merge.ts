import { z } from 'zod';

import { recordAudit } from '../../audit/record-audit';
import { AppError, notFound } from '../../errors/app-error';
import { staffProcedure } from '../../trpc';
import { clientSelect, ZClient } from './client-output';
import { ZClientMergeInput } from '../../schemas/client';

/**
 * Merges an accidental duplicate into the client who stays, in one transaction: every
 * reservation, package (credits included), payment and checkout moves over; the duplicate is
 * disabled (signed out, links void) and kept for the record. Audited on both clients.
 */
export const merge = staffProcedure
  .input(ZClientMergeInput)
  .output(
    z.object({
      client: ZClient,
      moved: z.object({
        reservations: z.number().int(),
        packages: z.number().int(),
        payments: z.number().int(),
        checkouts: z.number().int(),
      }),
    }),
  )
  .mutation(({ ctx, input }) =>
    ctx.db.$transaction(async (tx) => {
      const clients = await tx.user.findMany({
        where: { id: { in: [input.keepId, input.duplicateId] }, role: 'CLIENT' },
        select: { id: true, disabledAt: true },
      });
      const keep = clients.find((client) => client.id === input.keepId);
      const duplicate = clients.find((client) => client.id === input.duplicateId);
      if (!keep || !duplicate) throw notFound('Client');
      if (keep.disabledAt) {
        throw new AppError('CONFLICT', 'The client who stays is disabled: enable them first.');
      }
      const from = { clientId: duplicate.id };
      const moved = {
        reservations: (
          await tx.reservation.updateMany({ where: from, data: { clientId: keep.id } })
        ).count,
        packages: (
          await tx.userPackage.updateMany({
            where: { userId: duplicate.id },
            data: { userId: keep.id },
          })
        ).count,
        payments: (await tx.payment.updateMany({ where: from, data: { clientId: keep.id } })).count,
        checkouts: (
          await tx.checkoutSession.updateMany({
            where: { userId: duplicate.id },
            data: { userId: keep.id },
          })
        ).count,
      };
      await tx.user.updateMany({
        where: { id: duplicate.id },
        data: { disabledAt: duplicate.disabledAt ?? ctx.services.now() },
      });
      await tx.session.deleteMany({ where: { userId: duplicate.id } });
      await tx.accountToken.deleteMany({ where: { userId: duplicate.id, usedAt: null } });
      await tx.passwordResetToken.deleteMany({ where: { userId: duplicate.id, usedAt: null } });
      for (const [entityId, role] of [
        [keep.id, 'kept'],
        [duplicate.id, 'merged'],
      ] as const) {
        await recordAudit(tx, ctx, {
          action: 'client.merge',
          entityType: 'User',
          entityId,
          metadata: { role, keepId: keep.id, duplicateId: duplicate.id, moved },
        });
      }
      const client = await tx.user.findFirstOrThrow({
        where: { id: keep.id },
        select: clientSelect,
      });
      return { client, moved };
    }),
  );

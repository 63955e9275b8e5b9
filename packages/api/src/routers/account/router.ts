import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { AuthError, checkPasswordPolicy, hashPassword } from '@eventora/auth';

import { recordAudit } from '../../audit/record-audit';
import { AppError } from '../../errors/app-error';
import { clinicPublicProcedure } from '../../trpc';
import { ZPassword } from '../auth/router';
import { claimAccountToken, findAccountToken } from './account-tokens';

const ZToken = z.string().min(20).max(200);

export const ZAcceptInvitationInput = z.object({ token: ZToken, password: ZPassword });
export const ZConfirmEmailInput = z.object({ token: ZToken });

/**
 * What a one-time link does, at the clinic's address, before anyone is signed in: accept an
 * invitation by choosing a password, or confirm a new email address. A link of another
 * clinic, a used or an expired one, all answer BAD_REQUEST alike and change nothing.
 */
export const accountRouter = {
  acceptInvitation: clinicPublicProcedure
    .input(ZAcceptInvitationInput)
    .output(z.object({ email: z.string() }))
    .mutation(async ({ ctx, input }) => {
      const now = ctx.services.now();
      const found = await findAccountToken(ctx.db, { token: input.token, kind: 'invitation', now });
      const policy = checkPasswordPolicy(input.password, found.user);
      if (!policy.ok) {
        throw new AuthError('WEAK_PASSWORD', 'Choose a stronger password.', {
          issues: policy.issues,
        });
      }
      const passwordHash = await hashPassword(input.password);
      return ctx.db.$transaction(async (tx) => {
        await claimAccountToken(tx, input.token, found, 'invitation', now);
        await tx.user.updateMany({ where: { id: found.userId }, data: { passwordHash } });
        await recordAudit(
          tx,
          { ...ctx, user: { id: found.userId } },
          { action: 'team.invitation_accept', entityType: 'User', entityId: found.userId },
        );
        return { email: found.user.email };
      });
    }),

  confirmEmail: clinicPublicProcedure
    .input(ZConfirmEmailInput)
    .output(z.object({ email: z.string() }))
    .mutation(({ ctx, input }) =>
      ctx.db.$transaction(async (tx) => {
        const now = ctx.services.now();
        const found = await findAccountToken(tx, { token: input.token, kind: 'email_change', now });
        await claimAccountToken(tx, input.token, found, 'email_change', now);
        const { userId, user } = found;
        const newEmail = found.newEmail;
        const taken = await tx.user.findFirst({
          where: { email: newEmail!, id: { not: userId } },
          select: { id: true },
        });
        if (taken) {
          throw new AppError('CONFLICT', 'That email already has an account at this clinic.');
        }
        await tx.user.updateMany({ where: { id: userId }, data: { email: newEmail! } });
        await recordAudit(
          tx,
          { ...ctx, user: { id: userId } },
          {
            action: 'client.email_confirm',
            entityType: 'User',
            entityId: userId,
            metadata: { from: user.email, to: newEmail! },
          },
        );
        return { email: newEmail! };
      }),
    ),
} satisfies TRPCRouterRecord;

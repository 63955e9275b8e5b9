import { TRPCError, type TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { AuthError, checkPasswordPolicy, hashPassword } from '@eventora/auth';

import { recordAudit } from '../../audit/record-audit';
import { AppError } from '../../errors/app-error';
import { clinicPublicProcedure } from '../../trpc';
import { verifyUnsubscribeToken } from '../../jobs/unsubscribe-token';
import { claimAccountToken, findAccountToken } from './account-tokens';
import {
  ZAccountAcceptInvitationInput,
  ZAccountConfirmEmailInput,
  ZAccountUnsubscribeRemindersInput,
} from '../../schemas/account';

/**
 * What a one-time link does, at the clinic's address, before anyone is signed in: accept an
 * invitation by choosing a password, or confirm a new email address. A link of another
 * clinic, a used or an expired one, all answer BAD_REQUEST alike and change nothing. A
 * reminder's unsubscribe link stops reminders without a session.
 */
export const accountRouter = {
  acceptInvitation: clinicPublicProcedure
    .input(ZAccountAcceptInvitationInput)
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
    .input(ZAccountConfirmEmailInput)
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

  /**
   * Turns reminders off for the person a reminder's link names. The token is an HMAC of this
   * clinic and that person (no session: the link is clicked from a mailbox), so another
   * clinic's link, a forged or a mangled one answers BAD_REQUEST and changes nothing. Clicking
   * again is fine: the first opt-out's time stays.
   */
  unsubscribeReminders: clinicPublicProcedure
    .input(ZAccountUnsubscribeRemindersInput)
    .output(z.object({ email: z.string(), since: z.date() }))
    .mutation(({ ctx, input }) => {
      const secret = ctx.services.mailLinkSecret;
      if (!secret) {
        throw new TRPCError({
          code: 'PRECONDITION_FAILED',
          message: 'Unsubscribe links are not configured here.',
        });
      }
      const userId = verifyUnsubscribeToken(secret, ctx.clinic.id, input.token);
      const invalid = () =>
        new AuthError('INVALID_TOKEN', 'This unsubscribe link is not valid for this clinic.');
      if (!userId) throw invalid();
      return ctx.db.$transaction(async (tx) => {
        const now = ctx.services.now();
        const { count } = await tx.user.updateMany({
          where: { id: userId, remindersOptedOutAt: null },
          data: { remindersOptedOutAt: now },
        });
        const user = await tx.user.findFirst({
          where: { id: userId },
          select: { email: true, remindersOptedOutAt: true },
        });
        // A genuine link of a person no longer at the clinic: nothing to turn off.
        if (!user?.remindersOptedOutAt) throw invalid();
        if (count > 0) {
          await recordAudit(
            tx,
            { ...ctx, user: { id: userId } },
            { action: 'client.reminders_unsubscribe', entityType: 'User', entityId: userId },
          );
        }
        return { email: user.email, since: user.remindersOptedOutAt };
      });
    }),
} satisfies TRPCRouterRecord;

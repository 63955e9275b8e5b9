import { z } from 'zod';

import { recordAudit } from '../../audit/record-audit';
import { AppError } from '../../errors/app-error';
import { staffProcedure } from '../../trpc';
import { sendInvitation } from '../account/account-messages';
import { clientSelect, ZClient } from './client-output';
import { ZClientCreateInput } from '../../schemas/client';

/**
 * Staff add a client (a walk-in, a phone booking): an account without a password, which the
 * client can claim through the invitation link or a password reset. Audited.
 */
export const create = staffProcedure
  .input(ZClientCreateInput)
  .output(z.object({ client: ZClient, invitationLink: z.string().nullable() }))
  .mutation(({ ctx, input }) =>
    ctx.db.$transaction(async (tx) => {
      const taken = await tx.user.findFirst({
        where: { email: input.email },
        select: { id: true },
      });
      if (taken) {
        throw new AppError('CONFLICT', 'Someone at this clinic already has that email.', [
          { field: 'email', message: 'Already has an account here: search for them.' },
        ]);
      }
      const client = await tx.user.create({
        data: {
          clinicId: ctx.clinic.id,
          email: input.email,
          name: input.name,
          phone: input.phone ?? null,
          role: 'CLIENT',
        },
        select: clientSelect,
      });
      const sent = input.invite
        ? await sendInvitation(tx, ctx, { ...client, role: 'CLIENT' })
        : null;
      await recordAudit(tx, ctx, {
        action: 'client.create',
        entityType: 'User',
        entityId: client.id,
        metadata: { invited: input.invite },
      });
      return { client, invitationLink: sent?.link ?? null };
    }),
  );

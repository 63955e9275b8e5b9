import { z } from 'zod';

import { recordAudit } from '../../audit/record-audit';
import { AppError, notFound } from '../../errors/app-error';
import { staffProcedure } from '../../trpc';
import { sendEmailConfirmation } from '../account/account-messages';
import { clientSelect, ZClient } from './client-output';
import { ZClientUpdateInput } from '../../schemas/client';

/**
 * Staff correct a client's name and phone at once; a new email waits for the link sent to it,
 * so a typo cannot hand the account to a stranger. Audited with the fields changed.
 */
export const update = staffProcedure
  .input(ZClientUpdateInput)
  .output(
    z.object({
      client: ZClient,
      /** The address waiting for confirmation, if the email was changed. */
      pendingEmail: z.string().nullable(),
      confirmationLink: z.string().nullable(),
    }),
  )
  .mutation(({ ctx, input }) =>
    ctx.db.$transaction(async (tx) => {
      const found = await tx.user.findFirst({
        where: { id: input.id, role: 'CLIENT' },
        select: { id: true, email: true, name: true },
      });
      if (!found) throw notFound('Client');
      const fields = {
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.phone !== undefined ? { phone: input.phone } : {}),
      };
      if (Object.keys(fields).length > 0) {
        await tx.user.updateMany({ where: { id: found.id }, data: fields });
      }
      let pendingEmail: string | null = null;
      let confirmationLink: string | null = null;
      if (input.email !== undefined && input.email !== found.email) {
        const taken = await tx.user.findFirst({
          where: { email: input.email },
          select: { id: true },
        });
        if (taken) {
          throw new AppError('CONFLICT', 'Someone at this clinic already has that email.', [
            { field: 'email', message: 'Already has an account here.' },
          ]);
        }
        const sent = await sendEmailConfirmation(tx, ctx, {
          id: found.id,
          name: input.name ?? found.name,
          newEmail: input.email,
        });
        pendingEmail = input.email;
        confirmationLink = sent.link;
      }
      await recordAudit(tx, ctx, {
        action: 'client.update',
        entityType: 'User',
        entityId: found.id,
        metadata: { fields: Object.keys(fields), emailChangeRequested: pendingEmail !== null },
      });
      const client = await tx.user.findFirstOrThrow({
        where: { id: found.id },
        select: clientSelect,
      });
      return { client, pendingEmail, confirmationLink };
    }),
  );

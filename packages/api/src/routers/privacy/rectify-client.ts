import { z } from 'zod';

import { recordAudit } from '../../audit/record-audit';
import { notFound } from '../../errors/app-error';
import { staffProcedure } from '../../trpc';
import { ZPrivacyRectifyClientInput } from '../../schemas/privacy';

/** Staff correct a client's name and phone on the person's behalf; audited, values not logged. */
export const rectifyClient = staffProcedure
  .input(ZPrivacyRectifyClientInput)
  .output(z.object({ id: z.uuid(), name: z.string(), phone: z.string().nullable() }))
  .mutation(async ({ ctx, input }) =>
    ctx.db.$transaction(async (tx) => {
      // An erased person stays erased: their placeholder is not a record to correct.
      const updated = await tx.user.updateMany({
        where: { id: input.id, role: 'CLIENT', erasedAt: null },
        data: { name: input.name, phone: input.phone },
      });
      if (updated.count !== 1) throw notFound('Client');
      await recordAudit(tx, ctx, {
        action: 'privacy.rectified',
        entityType: 'User',
        entityId: input.id,
        metadata: { fields: ['name', 'phone'] },
      });
      return { id: input.id, name: input.name, phone: input.phone };
    }),
  );

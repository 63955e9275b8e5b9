import { z } from 'zod';
import type { Prisma } from '@eventora/tenancy';

import { platformProcedure } from '../../../trpc';
import { readUnderGrant } from './grant';
import { maskEmail } from './grant-view';
import { ZAdminAccessClientsInput } from '../../../schemas/admin';

/** Who the person is at the clinic; no phone, and the email only as a hint. */
const clientSelect = {
  id: true,
  name: true,
  email: true,
  role: true,
  createdAt: true,
  disabledAt: true,
} satisfies Prisma.UserSelect;

/** The clinic's people (clients first), under the grant; emails masked, no phones. */
export const clients = platformProcedure
  .input(ZAdminAccessClientsInput)
  .output(
    z.object({
      items: z.array(
        z.object({
          id: z.uuid(),
          name: z.string(),
          emailHint: z.string(),
          role: z.enum(['OWNER', 'STAFF', 'THERAPIST', 'CLIENT']),
          createdAt: z.date(),
          disabled: z.boolean(),
        }),
      ),
    }),
  )
  .query(async ({ ctx, input }) => {
    const rows = await readUnderGrant(ctx, input.grantId, (db) =>
      db.user.findMany({
        where: input.search ? { name: { contains: input.search, mode: 'insensitive' } } : {},
        orderBy: [{ role: 'desc' }, { name: 'asc' }],
        take: input.limit,
        select: clientSelect,
      }),
    );
    return {
      items: rows.map(({ email, disabledAt, ...row }) => ({
        ...row,
        emailHint: maskEmail(email),
        disabled: disabledAt !== null,
      })),
    };
  });

import { z } from 'zod';
import type { Prisma } from '@eventora/tenancy';

// What staff see of a client: contact details, never credentials.
export const clientSelect = {
  id: true,
  name: true,
  email: true,
  phone: true,
  createdAt: true,
  disabledAt: true,
} satisfies Prisma.UserSelect;

export const ZClient = z.object({
  id: z.uuid(),
  name: z.string(),
  email: z.string(),
  phone: z.string().nullable(),
  createdAt: z.date(),
  disabledAt: z.date().nullable(),
});

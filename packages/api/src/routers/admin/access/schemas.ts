import { z } from 'zod';
import { MAX_PLATFORM_ACCESS_MINUTES } from '@eventora/tenancy';

import { ZReason } from '../clinic/schemas';

export const ZAccessOpenInput = z.object({
  clinicId: z.uuid(),
  reason: ZReason,
  minutes: z
    .number()
    .int()
    .min(1, 'At least a minute.')
    .max(MAX_PLATFORM_ACCESS_MINUTES, `At most ${MAX_PLATFORM_ACCESS_MINUTES} minutes.`),
});
export const ZAccessListInput = z
  .object({
    clinicId: z.uuid().optional(),
    /** Only grants that are still open (default), or the history too. */
    activeOnly: z.boolean().default(true),
    /** Only the signed-in operator's grants. */
    mineOnly: z.boolean().default(false),
    limit: z.number().int().min(1).max(100).default(50),
  })
  .prefault({});
export const ZGrantInput = z.object({ grantId: z.uuid() });
export const ZAccessReservationsInput = ZGrantInput.extend({
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
  clientId: z.uuid().optional(),
  limit: z.number().int().min(1).max(100).default(50),
});
export const ZAccessClientsInput = ZGrantInput.extend({
  search: z.string().trim().max(100).optional(),
  limit: z.number().int().min(1).max(100).default(50),
});

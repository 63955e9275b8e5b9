import { z } from 'zod';

import { ZCurrency, zId, ZPriceCents } from './common';

const ZName = z.string().trim().min(1).max(200);
const ZDescription = z.string().trim().max(2000);
/** Sessions run on the 15-minute slot grid's 5-minute multiples, up to a working day. */
const ZDurationMinutes = z
  .number()
  .int()
  .min(5)
  .max(480)
  .refine((minutes) => minutes % 5 === 0, 'A multiple of 5 minutes.');
const ZTherapistIds = z.array(zId).max(200);

export const ZServiceListInput = z
  .object({
    includeArchived: z.boolean().default(false),
    /** Only the services this therapist offers. */
    therapistId: zId.optional(),
  })
  .prefault({});
export const ZServiceCreateInput = z.object({
  name: ZName,
  description: ZDescription.nullish(),
  durationMinutes: ZDurationMinutes,
  priceCents: ZPriceCents,
  /** The clinic's currency when left out. */
  currency: ZCurrency.optional(),
  therapistIds: ZTherapistIds.default([]),
});
export const ZServiceUpdateInput = z.object({
  id: zId,
  name: ZName.optional(),
  description: ZDescription.nullish(),
  durationMinutes: ZDurationMinutes.optional(),
  priceCents: ZPriceCents.optional(),
  currency: ZCurrency.optional(),
  /** The full set of therapists who offer it (replaces the old set). */
  therapistIds: ZTherapistIds.optional(),
});
export const ZServiceArchiveInput = z.object({ id: zId });

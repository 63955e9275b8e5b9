import { z } from 'zod';

import { ZCurrency, zId } from './common';
import { checkRange, zInstant } from './instant-input';

export const ZPaymentMethod = z.enum(['cash', 'card_terminal', 'transfer']);

export const ZDeskRecordPaymentInput = z
  .object({
    /** The session paid for; or leave it out and name the client (a payment on account). */
    reservationId: zId.optional(),
    clientId: zId.optional(),
    amountCents: z.number().int().min(1).max(1_000_000_000),
    /** The clinic's currency when left out. */
    currency: ZCurrency.optional(),
    method: ZPaymentMethod,
    /** A terminal receipt or transfer reference. */
    reference: z.string().trim().max(200).nullish(),
  })
  .refine((input) => input.reservationId ?? input.clientId, {
    message: 'Name the session or the client.',
    path: ['reservationId'],
  });
export const ZDeskGrantCreditsInput = z.object({
  clientId: zId,
  packageId: zId,
  /** Why the credits are given (a free or promotional package); kept in the audit log. */
  reason: z.string().trim().min(3).max(500),
});
export const ZDeskPaymentsInput = z
  .object({
    clientId: zId.optional(),
    reservationId: zId.optional(),
    /** Payments recorded in [from, to), at most 62 days. */
    from: zInstant.optional(),
    to: zInstant.optional(),
    limit: z.number().int().min(1).max(200).default(100),
  })
  .superRefine((input, context) => checkRange(input, 62, context))
  .prefault({});

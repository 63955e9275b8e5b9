import { z } from 'zod';

import { zId } from './common';

export const ZErasureStatus = z.enum(['pending', 'approved', 'refused']);

export const ZPrivacyAcceptNoticeInput = z.object({ version: z.number().int().positive() });
export const ZPrivacyPublishNoticeInput = z.object({
  body: z.string().trim().min(50).max(20_000),
  retentionMonths: z.number().int().min(0).max(1200),
});
export const ZPrivacyErasureRequestsInput = z
  .object({ status: ZErasureStatus.optional() })
  .prefault({});
export const ZPrivacyDecideErasureInput = z.discriminatedUnion('decision', [
  z.object({ id: zId, decision: z.literal('approve') }),
  z.object({
    id: zId,
    decision: z.literal('refuse'),
    /** Why (a legal hold, an open dispute): the person reads it. */
    answer: z.string().trim().min(10).max(2000),
  }),
]);
export const ZPrivacyUpdateMyDetailsInput = z.object({
  name: z.string().trim().min(1).max(200),
  /** Digits, spaces and + ( ) - only; empty removes it. */
  phone: z
    .string()
    .trim()
    .max(40)
    .regex(/^[0-9+() -]*$/, 'Digits, spaces and + ( ) - only.')
    .transform((phone) => (phone === '' ? null : phone)),
});
export const ZPrivacyRectifyClientInput = ZPrivacyUpdateMyDetailsInput.extend({ id: zId });

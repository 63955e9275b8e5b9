import { z } from 'zod';

import { ZEmailAddress, zId } from './common';

export const ZPhone = z
  .string()
  .trim()
  .max(40)
  .regex(/^[+0-9 ()./-]*$/, 'Digits, spaces and + ( ) - . / only.')
  .transform((phone) => (phone === '' ? null : phone));

export const ZClientListInput = z
  .object({
    /** Part of the name or email, any case. */
    search: z.string().trim().min(1).max(200).optional(),
    limit: z.number().int().min(1).max(100).default(25),
    /** `nextCursor` of the previous page. */
    cursor: zId.optional(),
  })
  .prefault({});
export const ZClientByIdInput = z.object({ id: zId });
export const ZClientCreateInput = z.object({
  name: z.string().trim().min(1).max(200),
  email: ZEmailAddress,
  phone: ZPhone.nullish(),
  /** Send an invitation to the portal (a link to choose a password). */
  invite: z.boolean().default(false),
});
export const ZClientUpdateInput = z.object({
  id: zId,
  name: z.string().trim().min(1).max(200).optional(),
  phone: ZPhone.nullish(),
  /** A new address is confirmed by its owner first (`account.confirmEmail`). */
  email: ZEmailAddress.optional(),
});
export const ZClientMergeInput = z
  .object({
    /** The record that stays. */
    keepId: zId,
    /** The accidental duplicate: its bookings, credits, payments and checkouts move, then it is disabled. */
    duplicateId: zId,
  })
  .refine((input) => input.keepId !== input.duplicateId, {
    message: 'Choose two different clients.',
    path: ['duplicateId'],
  });

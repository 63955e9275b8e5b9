import { z } from 'zod';

import { zId } from './common';

const ZDay = z.iso.date('A date like 2027-03-08.');

export const ZTimeOffListInput = z
  .object({
    /** One therapist's time off (and the clinic's holidays). */
    therapistId: zId.optional(),
  })
  .prefault({});
export const ZTimeOffCreateInput = z
  .object({
    /** Whose time off; left out, a holiday of the whole clinic (staff only). */
    therapistId: zId.nullish(),
    firstDay: ZDay,
    lastDay: ZDay,
    /** Every year on the same dates (a public holiday). */
    recursYearly: z.boolean().default(false),
    reason: z.string().trim().max(200).nullish(),
  })
  .refine((input) => input.firstDay <= input.lastDay, {
    message: 'The last day comes before the first.',
    path: ['lastDay'],
  })
  .refine((input) => Date.parse(input.lastDay) - Date.parse(input.firstDay) < 366 * 86_400_000, {
    message: 'At most a year at a time.',
    path: ['lastDay'],
  });
export const ZTimeOffRemoveInput = z.object({ id: zId });
export const ZTimeOffConflictsInput = z.object({ id: zId });

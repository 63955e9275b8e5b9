import { z } from 'zod';

import { zId } from './common';
import { describeInterval, findOverlaps, ZMinuteOfDay, ZTimezone, ZWeekday } from './weekly-hours';

export const ZOpeningInterval = z
  .object({ weekday: ZWeekday, opensAt: ZMinuteOfDay, closesAt: ZMinuteOfDay })
  .refine((hours) => hours.opensAt < hours.closesAt, {
    message: 'Must close after it opens.',
    path: ['closesAt'],
  });

/** A week of opening hours: several intervals a day are fine, overlapping ones are not. */
export const ZOpeningHours = z
  .array(ZOpeningInterval)
  .max(70)
  .superRefine((hours, ctx) => {
    const intervals = hours.map((h) => ({ weekday: h.weekday, start: h.opensAt, end: h.closesAt }));
    for (const [earlier, later] of findOverlaps(intervals)) {
      ctx.addIssue({
        code: 'custom',
        path: [later, 'opensAt'],
        message: `Overlaps ${describeInterval(intervals[earlier]!)}.`,
      });
    }
  });

const ZName = z.string().trim().min(1).max(200);
const ZAddress = z.string().trim().min(1).max(500);

export const ZBranchListInput = z
  .object({ includeArchived: z.boolean().default(false) })
  .prefault({});
export const ZBranchByIdInput = z.object({ id: zId });
export const ZBranchCreateInput = z.object({
  name: ZName,
  address: ZAddress.nullish(),
  timezone: ZTimezone,
  openingHours: ZOpeningHours.default([]),
});
export const ZBranchUpdateInput = z.object({
  id: zId,
  name: ZName.optional(),
  address: ZAddress.nullish(),
  timezone: ZTimezone.optional(),
  /** Replaces the whole week when given. */
  openingHours: ZOpeningHours.optional(),
});
export const ZBranchArchiveInput = z.object({ id: zId });

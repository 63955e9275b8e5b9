import { z } from 'zod';

import { zId } from './common';
import { checkRange, zInstant } from './instant-input';
import { describeInterval, findOverlaps, ZMinuteOfDay, ZWeekday } from './weekly-hours';

export const ZShift = z
  .object({ weekday: ZWeekday, startsAt: ZMinuteOfDay, endsAt: ZMinuteOfDay })
  .refine((shift) => shift.startsAt < shift.endsAt, {
    message: 'Must end after it starts.',
    path: ['endsAt'],
  });

/** The branches a therapist works at, each with its weekly shifts (no overlaps across branches). */
export const ZAssignments = z
  .array(z.object({ branchId: zId, shifts: z.array(ZShift).max(50) }))
  .max(20)
  .superRefine((assignments, ctx) => {
    const seen = new Map<string, number>();
    assignments.forEach(({ branchId }, index) => {
      if (seen.has(branchId)) {
        ctx.addIssue({
          code: 'custom',
          path: [index, 'branchId'],
          message: `Same branch as entry ${seen.get(branchId)}; list each branch once.`,
        });
      } else seen.set(branchId, index);
    });
    const shifts = assignments.flatMap((assignment, a) =>
      assignment.shifts.map((shift, s) => ({
        path: [a, 'shifts', s],
        interval: { weekday: shift.weekday, start: shift.startsAt, end: shift.endsAt },
      })),
    );
    for (const [earlier, later] of findOverlaps(shifts.map((shift) => shift.interval))) {
      ctx.addIssue({
        code: 'custom',
        path: [...shifts[later]!.path, 'startsAt'],
        message: `Overlaps the shift ${describeInterval(shifts[earlier]!.interval)}.`,
      });
    }
  });

const ZName = z.string().trim().min(1).max(200);
const ZBio = z.string().trim().max(2000);
const ZSessionMinutes = z.number().int().min(5).max(480);

export const ZTherapistListInput = z
  .object({
    /** Only therapists who work at this branch. */
    branchId: zId.optional(),
    includeArchived: z.boolean().default(false),
  })
  .prefault({});
export const ZTherapistByIdInput = z.object({ id: zId });
export const ZTherapistCreateInput = z.object({
  name: ZName,
  bio: ZBio.nullish(),
  sessionMinutes: ZSessionMinutes.default(60),
  /** The THERAPIST user who signs in as this therapist, if any. */
  userId: zId.nullish(),
  branches: ZAssignments.default([]),
});
export const ZTherapistUpdateInput = z.object({
  id: zId,
  name: ZName.optional(),
  bio: ZBio.nullish(),
  sessionMinutes: ZSessionMinutes.optional(),
  /** null unlinks the user. */
  userId: zId.nullish(),
  /** Replaces every branch and shift when given. */
  branches: ZAssignments.optional(),
});
export const ZTherapistArchiveInput = z.object({ id: zId });

export const MAX_AVAILABILITY_DAYS = 31;

export const ZTherapistAvailabilityInput = z
  .object({
    therapistId: zId,
    /** One branch; every branch the therapist works at when left out. */
    branchId: zId.optional(),
    /** The service to book: its duration sets the slots' length (the therapist's default without). */
    serviceId: zId.optional(),
    /** Slots starting in [from, to), at most 31 days. */
    from: zInstant,
    to: zInstant,
  })
  .superRefine((input, context) => checkRange(input, MAX_AVAILABILITY_DAYS, context));

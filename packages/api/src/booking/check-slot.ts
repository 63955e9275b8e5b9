import { addMinutes } from 'date-fns';

import { containsInterval, type Interval } from './intervals';
import { isOnSlotGrid, SLOT_STEP_MINUTES } from './slot-grid';
import { bookableIntervals, type BranchSchedule } from './weekly-schedule';

export interface SlotRequest {
  schedule: BranchSchedule;
  startsAt: Date;
  sessionMinutes: number;
  now: Date;
}

export type SlotRefusal = 'PAST' | 'OFF_GRID' | 'OUTSIDE_SCHEDULE';

export type SlotCheck =
  { ok: true; slot: Interval } | { ok: false; reason: SlotRefusal; message: string };

/** A session may only start after this instant (`now`): the same rule for booking and availability. */
export function isBookableStart(startsAt: Date, now: Date): boolean {
  return startsAt > now;
}

/**
 * Whether a session starting at `startsAt` fits the rules that need no other reservation:
 * not in the past, on the slot grid, and inside the therapist's shift and the branch's
 * opening hours on that local date. Overlap with other reservations is the database's call.
 */
export function checkSlot({ schedule, startsAt, sessionMinutes, now }: SlotRequest): SlotCheck {
  const slot = { start: startsAt, end: addMinutes(startsAt, sessionMinutes) };
  if (!isBookableStart(startsAt, now)) {
    return { ok: false, reason: 'PAST', message: 'That time has already passed.' };
  }
  if (!isOnSlotGrid(startsAt, schedule.timeZone)) {
    return {
      ok: false,
      reason: 'OFF_GRID',
      message: `Sessions start every ${SLOT_STEP_MINUTES} minutes on the branch's clock.`,
    };
  }
  const fits = bookableIntervals(schedule, startsAt, startsAt).some((interval) =>
    containsInterval(interval, slot),
  );
  if (!fits) {
    return {
      ok: false,
      reason: 'OUTSIDE_SCHEDULE',
      message: "That time is outside the therapist's hours at this branch (or a day off).",
    };
  }
  return { ok: true, slot };
}

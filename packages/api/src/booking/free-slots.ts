import { addMinutes } from 'date-fns';

import { isBookableStart } from './check-slot';
import { overlaps, type Interval } from './intervals';
import { gridStartsIn } from './slot-grid';
import { bookableIntervals, type BranchSchedule } from './weekly-schedule';

export interface FreeSlotsRequest {
  schedule: BranchSchedule;
  sessionMinutes: number;
  /** Slots that start in [from, to). */
  from: Date;
  to: Date;
  now: Date;
  /** The therapist's active reservations (at any branch: one person, one place at a time). */
  busy: readonly Interval[];
}

/**
 * The sessions that can be booked: grid starts inside shifts ∩ opening hours, not in the past,
 * clear of the therapist's reservations. Each is accepted by `checkSlot`, and `checkSlot`
 * accepts nothing else inside [from, to) that is clear of `busy`.
 */
export function freeSlots({
  schedule,
  sessionMinutes,
  from,
  to,
  now,
  busy,
}: FreeSlotsRequest): Interval[] {
  return bookableIntervals(schedule, from, to)
    .flatMap((interval) => gridStartsIn(interval, sessionMinutes, schedule.timeZone))
    .filter((start) => start >= from && start < to && isBookableStart(start, now))
    .map((start) => ({ start, end: addMinutes(start, sessionMinutes) }))
    .filter((slot) => !busy.some((reservation) => overlaps(slot, reservation)));
}

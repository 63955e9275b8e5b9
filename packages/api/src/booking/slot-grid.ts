import { addMinutes, startOfMinute } from 'date-fns';

import type { Interval } from './intervals';
import { wallClockParts } from './local-time';

/**
 * Sessions start on the quarter hours of the branch's wall clock (:00, :15, :30, :45), both
 * where availability offers them and where a booking is accepted. UTC offsets in use today
 * are whole quarter hours, so the grid survives clock changes.
 */
export const SLOT_STEP_MINUTES = 15;

export function isOnSlotGrid(instant: Date, timeZone: string): boolean {
  const { minutes, seconds, milliseconds } = wallClockParts(instant, timeZone);
  return minutes % SLOT_STEP_MINUTES === 0 && seconds === 0 && milliseconds === 0;
}

/** Every grid start in `interval` whose session of `sessionMinutes` ends inside it too. */
export function gridStartsIn(interval: Interval, sessionMinutes: number, timeZone: string): Date[] {
  let start = startOfMinute(interval.start);
  if (start < interval.start) start = addMinutes(start, 1);
  for (let i = 0; i < SLOT_STEP_MINUTES && !isOnSlotGrid(start, timeZone); i++) {
    start = addMinutes(start, 1);
  }
  const starts: Date[] = [];
  for (
    ;
    addMinutes(start, sessionMinutes) <= interval.end;
    start = addMinutes(start, SLOT_STEP_MINUTES)
  ) {
    if (isOnSlotGrid(start, timeZone)) starts.push(start);
  }
  return starts;
}

import { tzScan } from '@date-fns/tz';

import { isDayOff } from './days-off';
import { intersectIntervals } from './intervals';
import { instantAt, localDateOf, type LocalDate } from './local-time';
import { bookableIntervals, type BranchSchedule, type WeeklyInterval } from './weekly-schedule';

/**
 * How many minutes of `[since, until)` a therapist could be booked at a branch: what
 * `bookableIntervals` covers, clipped to the range, summed. The same answer, much faster over
 * long ranges (a year of 20 therapists took seconds through `bookableIntervals`, which works out
 * every day's instants): an ordinary day inside the range counts its weekday's local minutes,
 * and only the range's first and last local dates and the days the clocks change take the exact
 * path through `bookableIntervals`.
 */
export function bookableMinutes(schedule: BranchSchedule, since: Date, until: Date): number {
  if (until <= since) return 0;
  const zone = schedule.timeZone;
  const perWeekday = Array.from({ length: 7 }, (_, weekday) => localMinutes(schedule, weekday));
  const first = localDateOf(since, zone);
  const last = localDateOf(new Date(until.getTime() - 1), zone);
  const exact = new Set([key(first), key(last)]);
  for (const change of tzScan(zone, { start: since, end: until })) {
    exact.add(key(localDateOf(change.date, zone)));
    // A change at local midnight can move the day before it as well.
    exact.add(key(localDateOf(new Date(change.date.getTime() - 1), zone)));
  }
  let total = 0;
  for (
    let cursor = Date.UTC(first.year, first.month - 1, first.day);
    cursor <= Date.UTC(last.year, last.month - 1, last.day);
    cursor += 86_400_000
  ) {
    const day = new Date(cursor);
    const date: LocalDate = {
      year: day.getUTCFullYear(),
      month: day.getUTCMonth() + 1,
      day: day.getUTCDate(),
    };
    if (exact.has(key(date))) {
      total += exactMinutes(schedule, date, since, until);
    } else if (!(schedule.daysOff && isDayOff(date, schedule.daysOff))) {
      total += perWeekday[day.getUTCDay()]!;
    }
  }
  return total;
}

/** One local date through the booking rules' own path, clipped to the range. */
function exactMinutes(schedule: BranchSchedule, date: LocalDate, since: Date, until: Date) {
  const noon = instantAt(date, 12 * 60, schedule.timeZone);
  return bookableIntervals(schedule, noon, noon).reduce((sum, interval) => {
    const start = Math.max(interval.start.getTime(), since.getTime());
    const end = Math.min(interval.end.getTime(), until.getTime());
    return end > start ? sum + (end - start) / 60_000 : sum;
  }, 0);
}

/** Minutes of a weekday where opening hours and shifts meet, on the wall clock. */
function localMinutes(schedule: BranchSchedule, weekday: number): number {
  const asIntervals = (weekly: readonly WeeklyInterval[]) =>
    weekly
      .filter((interval) => interval.weekday === weekday)
      .map((interval) => ({
        start: new Date(interval.startMinute * 60_000),
        end: new Date(interval.endMinute * 60_000),
      }));
  return intersectIntervals(
    asIntervals(schedule.openingHours),
    asIntervals(schedule.shifts),
  ).reduce(
    (sum, interval) => sum + (interval.end.getTime() - interval.start.getTime()) / 60_000,
    0,
  );
}

function key(date: LocalDate): string {
  return `${date.year}-${date.month}-${date.day}`;
}

import { isDayOff, type DaysOff } from './days-off';
import { intersectIntervals, type Interval } from './intervals';
import {
  compareLocalDates,
  instantAt,
  localDateOf,
  nextLocalDate,
  weekdayOf,
  type LocalDate,
} from './local-time';

/**
 * A weekly interval in a branch's local time: weekday 0 = Sunday, minutes after local midnight
 * (opening hours: opensAt/closesAt; therapist shifts: startsAt/endsAt). Never crosses midnight.
 */
export interface WeeklyInterval {
  weekday: number;
  startMinute: number;
  endMinute: number;
}

/** What a therapist's bookable time at one branch is made of. */
export interface BranchSchedule {
  /** The branch's IANA time zone: every weekly interval is read on its wall clock. */
  timeZone: string;
  openingHours: readonly WeeklyInterval[];
  /** The therapist's shifts at this branch. */
  shifts: readonly WeeklyInterval[];
  /** The therapist's time off and the clinic's holidays: no session on those local dates. */
  daysOff?: readonly DaysOff[];
}

/** The instants one local date's weekly intervals cover (DST days are shorter or longer). */
export function intervalsOn(
  weekly: readonly WeeklyInterval[],
  date: LocalDate,
  timeZone: string,
): Interval[] {
  const weekday = weekdayOf(date);
  return weekly
    .filter((interval) => interval.weekday === weekday)
    .map((interval) => ({
      start: instantAt(date, interval.startMinute, timeZone),
      end: instantAt(date, interval.endMinute, timeZone),
    }));
}

/**
 * When the therapist can see clients at the branch, on every local date from `from`'s to
 * `to`'s: the branch is open and the therapist is on shift. Each local date is taken on its
 * own, so a session never runs across local midnight; on one date, adjacent or overlapping
 * shifts (or opening intervals) count as one continuous stretch. Days off have none.
 */
export function bookableIntervals(schedule: BranchSchedule, from: Date, to: Date): Interval[] {
  const last = localDateOf(to, schedule.timeZone);
  const result: Interval[] = [];
  for (
    let date = localDateOf(from, schedule.timeZone);
    compareLocalDates(date, last) <= 0;
    date = nextLocalDate(date)
  ) {
    if (schedule.daysOff && isDayOff(date, schedule.daysOff)) continue;
    result.push(
      ...intersectIntervals(
        intervalsOn(schedule.openingHours, date, schedule.timeZone),
        intervalsOn(schedule.shifts, date, schedule.timeZone),
      ),
    );
  }
  return result;
}

import { TZDate, tzOffset, tzScan } from '@date-fns/tz';
import { addDays, addMinutes, format, subDays } from 'date-fns';

/** A calendar date on a branch's wall calendar (month 1–12). */
export interface LocalDate {
  year: number;
  month: number;
  day: number;
}

/** The date a branch's calendar shows at `instant`. */
export function localDateOf(instant: Date, timeZone: string): LocalDate {
  const local = new TZDate(instant, timeZone);
  return { year: local.getFullYear(), month: local.getMonth() + 1, day: local.getDate() };
}

/** The calendar day after `date` (calendar arithmetic only: no clock, no zone). */
export function nextLocalDate(date: LocalDate): LocalDate {
  const next = addDays(calendarDay(date), 1);
  return { year: next.getFullYear(), month: next.getMonth() + 1, day: next.getDate() };
}

/** The calendar day `days` after `date` (calendar arithmetic only: no clock, no zone). */
export function addLocalDays(date: LocalDate, days: number): LocalDate {
  const later = addDays(calendarDay(date), days);
  return { year: later.getFullYear(), month: later.getMonth() + 1, day: later.getDate() };
}

/** 0 = Sunday … 6 = Saturday, like OpeningHours.weekday and TherapistShift.weekday. */
export function weekdayOf(date: LocalDate): number {
  return calendarDay(date).getDay();
}

export function compareLocalDates(a: LocalDate, b: LocalDate): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

/**
 * The instant a branch's clock reads `minuteOfDay` minutes after midnight on `date` (1440 is the
 * next midnight). Wall times that do not exist or happen twice follow RFC 5545 (and Temporal's
 * "compatible"): a time skipped when clocks go forward moves forward by the skipped length
 * (02:30 on a 02:00→03:00 day is 03:30), and a time that happens twice when clocks go back is
 * its first occurrence (the shift that starts at 02:00 starts the first time the clock says so).
 */
export function instantAt(date: LocalDate, minuteOfDay: number, timeZone: string): Date {
  const resolved = new TZDate(
    date.year,
    date.month - 1,
    date.day,
    Math.floor(minuteOfDay / 60),
    minuteOfDay % 60,
    timeZone,
  );
  // TZDate resolves gaps forward, as we want, but a repeated wall time to its second
  // occurrence; look for a clock change just before it that would give an earlier one.
  const dayBefore = subDays(resolved, 1);
  // Most days have no clock change; tzScan is only worth its cost on the ones that do.
  if (tzOffset(timeZone, dayBefore) <= tzOffset(timeZone, resolved)) {
    return new Date(resolved.getTime());
  }
  const fallBacks = tzScan(timeZone, { start: dayBefore, end: resolved }).filter(
    (change) => change.change < 0,
  );
  for (const { change } of fallBacks) {
    const earlier = new TZDate(addMinutes(resolved, change), timeZone);
    if (wallClock(earlier) === wallClock(resolved)) return new Date(earlier.getTime());
  }
  return new Date(resolved.getTime());
}

/** The branch's wall time at `instant`, with its offset: `2026-03-29T09:00:00+02:00`. */
export function formatLocal(instant: Date, timeZone: string): string {
  return format(new TZDate(instant, timeZone), "yyyy-MM-dd'T'HH:mm:ssXXX");
}

/** Minutes and finer parts of the branch's wall clock at `instant`. */
export function wallClockParts(instant: Date, timeZone: string) {
  const local = new TZDate(instant, timeZone);
  return {
    minutes: local.getMinutes(),
    seconds: local.getSeconds(),
    milliseconds: local.getMilliseconds(),
  };
}

function calendarDay(date: LocalDate): TZDate {
  return new TZDate(date.year, date.month - 1, date.day, 'UTC');
}

function wallClock(date: TZDate): string {
  return format(date, 'yyyy-MM-dd HH:mm:ss.SSS');
}

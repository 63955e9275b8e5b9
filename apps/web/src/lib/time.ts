import { TZDate } from '@date-fns/tz';
import { addDays, format } from 'date-fns';

/**
 * Dates in a branch's own timezone: a session at 09:00 in Mexico City reads 09:00 whatever the
 * phone's zone. Days are keyed `yyyy-MM-dd` on the branch's calendar.
 */
export type DayKey = string;

const formatter = (options: Intl.DateTimeFormatOptions, timeZone: string) =>
  new Intl.DateTimeFormat('en-US', { ...options, timeZone });

/** `9:30 AM` on the branch's clock. */
export function formatTime(date: Date, timeZone: string): string {
  return formatter({ hour: 'numeric', minute: '2-digit' }, timeZone).format(date);
}

/** `Mon, Nov 30` on the branch's calendar. */
export function formatDay(date: Date, timeZone: string): string {
  return formatter({ weekday: 'short', month: 'short', day: 'numeric' }, timeZone).format(date);
}

/** `Monday, November 30` on the branch's calendar. */
export function formatLongDay(date: Date, timeZone: string): string {
  return formatter({ weekday: 'long', month: 'long', day: 'numeric' }, timeZone).format(date);
}

/** `Nov 30, 2026` */
export function formatDate(date: Date, timeZone?: string): string {
  return formatter({ month: 'short', day: 'numeric', year: 'numeric' }, timeZone ?? 'UTC').format(
    date,
  );
}

/** The zone's short name at that instant (`CST`, `GMT+1`). */
export function zoneName(date: Date, timeZone: string): string {
  const part = formatter({ timeZoneName: 'short' }, timeZone)
    .formatToParts(date)
    .find((p) => p.type === 'timeZoneName');
  return part?.value ?? timeZone;
}

/** The branch-calendar day of an instant. */
export function dayKeyOf(date: Date, timeZone: string): DayKey {
  return format(new TZDate(date, timeZone), 'yyyy-MM-dd');
}

/** The instant a day starts on the branch's calendar. */
export function startOfDayKey(key: DayKey, timeZone: string): Date {
  const [y, m, d] = key.split('-').map(Number) as [number, number, number];
  return new Date(new TZDate(y, m - 1, d, 0, 0, timeZone).getTime());
}

/** Calendar arithmetic on day keys (no clocks involved). */
export function addDaysToKey(key: DayKey, days: number): DayKey {
  const [y, m, d] = key.split('-').map(Number) as [number, number, number];
  return format(addDays(new Date(Date.UTC(y, m - 1, d, 12)), days), 'yyyy-MM-dd');
}

/** Parts of a day key for labels: weekday `Mon`, day `30`, month `Nov`. */
export function dayKeyParts(key: DayKey) {
  const [y, m, d] = key.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d, 12));
  const f = (options: Intl.DateTimeFormatOptions) => formatter(options, 'UTC').format(date);
  return {
    weekday: f({ weekday: 'short' }),
    day: f({ day: 'numeric' }),
    month: f({ month: 'short' }),
    long: f({ weekday: 'long', month: 'long', day: 'numeric' }),
    weekdayIndex: date.getUTCDay(),
  };
}

/** Minutes after midnight as `9:00 AM`. */
export function formatMinutes(minutes: number): string {
  const date = new Date(Date.UTC(2000, 0, 1, Math.floor(minutes / 60), minutes % 60));
  if (minutes === 1440) return 'midnight';
  return formatter({ hour: 'numeric', minute: '2-digit' }, 'UTC').format(date);
}

/** `in 3 days`, `in 5 hours`, `2 days ago`. */
export function relativeTo(date: Date, now: Date): string {
  const minutes = Math.round((date.getTime() - now.getTime()) / 60_000);
  const rtf = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
  const abs = Math.abs(minutes);
  if (abs < 60) return rtf.format(minutes, 'minute');
  if (abs < 48 * 60) return rtf.format(Math.round(minutes / 60), 'hour');
  return rtf.format(Math.round(minutes / 1440), 'day');
}

export const WEEKDAYS = [
  'Sunday',
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
];

/** `$1,200.00` */
export function formatMoney(cents: number, currency: string): string {
  return new Intl.NumberFormat('en-US', {
    style: 'currency',
    currency: currency.toUpperCase(),
  }).format(cents / 100);
}

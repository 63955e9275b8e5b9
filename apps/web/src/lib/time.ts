import { TZDate } from '@date-fns/tz';
import { addDays, format } from 'date-fns';

/**
 * Dates in a branch's own timezone: a session at 09:00 in Mexico City reads 09:00 whatever the
 * phone's zone. Days are keyed `yyyy-MM-dd` on the branch's calendar.
 */
export type DayKey = string;

/** `locale` is a language tag (`en`, `es-MX`): see src/i18n/locales.ts. */
const formatter = (locale: string, options: Intl.DateTimeFormatOptions, timeZone: string) =>
  new Intl.DateTimeFormat(locale, { ...options, timeZone });

/** `9:30 AM` (`9:30 a.m.` in es-MX) on the branch's clock. */
export function formatTime(date: Date, timeZone: string, locale: string): string {
  return formatter(locale, { hour: 'numeric', minute: '2-digit' }, timeZone).format(date);
}

/** `Mon, Nov 30` on the branch's calendar. */
export function formatDay(date: Date, timeZone: string, locale: string): string {
  return formatter(locale, { weekday: 'short', month: 'short', day: 'numeric' }, timeZone).format(
    date,
  );
}

/** `Monday, November 30` (`martes, 1 de diciembre`) on the branch's calendar. */
export function formatLongDay(date: Date, timeZone: string, locale: string): string {
  return formatter(locale, { weekday: 'long', month: 'long', day: 'numeric' }, timeZone).format(
    date,
  );
}

/** `Nov 30, 2026` */
export function formatDate(date: Date, locale: string, timeZone = 'UTC'): string {
  return formatter(locale, { month: 'short', day: 'numeric', year: 'numeric' }, timeZone).format(
    date,
  );
}

/** `Nov 30, 2026, 9:30 AM` (or with seconds): when something happened, in the reader's zone. */
export function formatStamp(date: Date, locale: string, withSeconds = false): string {
  return new Intl.DateTimeFormat(locale, {
    dateStyle: 'medium',
    timeStyle: withSeconds ? 'medium' : 'short',
  }).format(date);
}

/** The zone's short name at that instant (`CST`, `GMT+1`). */
export function zoneName(date: Date, timeZone: string, locale: string): string {
  const part = formatter(locale, { timeZoneName: 'short' }, timeZone)
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
export function dayKeyParts(key: DayKey, locale: string) {
  const [y, m, d] = key.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d, 12));
  const f = (options: Intl.DateTimeFormatOptions) => formatter(locale, options, 'UTC').format(date);
  return {
    weekday: f({ weekday: 'short' }),
    day: f({ day: 'numeric' }),
    month: f({ month: 'short' }),
    long: f({ weekday: 'long', month: 'long', day: 'numeric' }),
    weekdayIndex: date.getUTCDay(),
  };
}

/**
 * A span of calendar days (`YYYY-MM-DD`, inclusive) as the reader says it: `Dec 24, 2026`,
 * `Dec 24 – 26, 2026`, `24–26 dic 2026`. Days, not instants: no clock, so no time zone.
 */
export function formatDayRange(first: DayKey, last: DayKey, locale: string): string {
  const noon = (key: DayKey) => {
    const [y, m, d] = key.split('-').map(Number) as [number, number, number];
    return new Date(Date.UTC(y, m - 1, d, 12));
  };
  const days = formatter(locale, { month: 'short', day: 'numeric', year: 'numeric' }, 'UTC');
  return first === last ? days.format(noon(first)) : days.formatRange(noon(first), noon(last));
}

/** Minutes after midnight as `9:00 AM`; 1440 (the end of the day) as `midnight`. */
export function formatMinutes(minutes: number, locale: string, midnight: string): string {
  if (minutes === 1440) return midnight;
  const date = new Date(Date.UTC(2000, 0, 1, Math.floor(minutes / 60), minutes % 60));
  return formatter(locale, { hour: 'numeric', minute: '2-digit' }, 'UTC').format(date);
}

/** `in 3 days`, `in 5 hours`, `2 days ago` (`dentro de 3 días`, `hace 2 días`). */
export function relativeTo(date: Date, now: Date, locale: string): string {
  const minutes = Math.round((date.getTime() - now.getTime()) / 60_000);
  const rtf = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  const abs = Math.abs(minutes);
  if (abs < 60) return rtf.format(minutes, 'minute');
  if (abs < 48 * 60) return rtf.format(Math.round(minutes / 60), 'hour');
  return rtf.format(Math.round(minutes / 1440), 'day');
}

/** A weekday's name by its index (0 = Sunday, as `Date#getDay`): `Monday`, or `Mon` short. */
export function weekdayName(weekday: number, locale: string, width: 'long' | 'short' = 'long') {
  // 2 January 2000 was a Sunday.
  return formatter(locale, { weekday: width }, 'UTC').format(
    new Date(Date.UTC(2000, 0, 2 + weekday, 12)),
  );
}

/** `$1,200.00` */
export function formatMoney(cents: number, currency: string, locale: string): string {
  return new Intl.NumberFormat(locale, {
    style: 'currency',
    currency: currency.toUpperCase(),
  }).format(cents / 100);
}

/** A share (0.125) as a percentage in the reader's conventions: `12.5%`, `12.5 %`. */
export function formatPercent(share: number, locale: string): string {
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(
    share,
  );
}

/** A count or quantity with the locale's grouping: `1,234` (en), `1,234` or `1 234` (others). */
export function formatNumber(value: number, locale: string, maximumFractionDigits = 0): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits }).format(value);
}

/** Minutes as hours, to a tenth: `12.5 hr` (en), `12.5 h` (es-MX). */
export function formatHours(minutes: number, locale: string): string {
  return new Intl.NumberFormat(locale, {
    style: 'unit',
    unit: 'hour',
    unitDisplay: 'short',
    maximumFractionDigits: 1,
  }).format(minutes / 60);
}

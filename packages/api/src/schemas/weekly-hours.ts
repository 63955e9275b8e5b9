import { z } from 'zod';

/**
 * Weekly intervals in a branch's local time: opening hours and therapist shifts. Times are
 * whole minutes after local midnight (0–1440), as the tables store them; 0 = Sunday.
 */
export const MINUTES_PER_DAY = 1440;

export const WEEKDAY_NAMES = [
  'Sunday',
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
] as const;

export const ZWeekday = z.number().int().min(0).max(6);
export const ZMinuteOfDay = z.number().int().min(0).max(MINUTES_PER_DAY);

export interface WeeklyInterval {
  weekday: number;
  start: number;
  end: number;
}

/**
 * Pairs of intervals (by index) that overlap on the same weekday. Intervals are half-open, so
 * back-to-back ones (09:00–12:00, 12:00–15:00) do not overlap.
 */
export function findOverlaps(intervals: readonly WeeklyInterval[]): [number, number][] {
  const sorted = intervals
    .map((interval, index) => ({ ...interval, index }))
    .sort((a, b) => a.weekday - b.weekday || a.start - b.start || a.index - b.index);
  const overlaps: [number, number][] = [];
  for (let i = 1; i < sorted.length; i++) {
    const current = sorted[i]!;
    // Compare with every earlier interval of the day that is still open: one long interval
    // can overlap several later ones.
    for (let j = i - 1; j >= 0 && sorted[j]!.weekday === current.weekday; j--) {
      const earlier = sorted[j]!;
      if (current.start < earlier.end) overlaps.push([earlier.index, current.index]);
    }
  }
  return overlaps;
}

/**
 * Whether [start, end) on `weekday` lies inside the given opening hours. Back-to-back opening
 * intervals count as one, so a shift may span 09:00–12:00 and 12:00–15:00.
 */
export function fitsWithin(hours: readonly WeeklyInterval[], interval: WeeklyInterval): boolean {
  const day = hours
    .filter((open) => open.weekday === interval.weekday)
    .sort((a, b) => a.start - b.start);
  const merged: { start: number; end: number }[] = [];
  for (const open of day) {
    const last = merged.at(-1);
    if (last && open.start <= last.end) last.end = Math.max(last.end, open.end);
    else merged.push({ start: open.start, end: open.end });
  }
  return merged.some((open) => open.start <= interval.start && interval.end <= open.end);
}

/** `Monday 09:00–13:30`, for messages. */
export function describeInterval({ weekday, start, end }: WeeklyInterval): string {
  return `${WEEKDAY_NAMES[weekday] ?? `day ${weekday}`} ${clock(start)}–${clock(end)}`;
}

function clock(minutes: number): string {
  const hh = String(Math.floor(minutes / 60)).padStart(2, '0');
  const mm = String(minutes % 60).padStart(2, '0');
  return `${hh}:${mm}`;
}

const TIMEZONES = new Set(Intl.supportedValuesOf('timeZone'));

/**
 * An IANA timezone the runtime knows. Aliases (Asia/Kolkata, Etc/UTC) are accepted when they
 * resolve to a supported zone: ICU lists some zones only under their older names.
 */
export function isIanaTimezone(name: string): boolean {
  if (name === 'UTC') return true;
  try {
    const resolved = new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions()
      .timeZone;
    return resolved === 'UTC' || TIMEZONES.has(resolved);
  } catch {
    return false;
  }
}

export const ZTimezone = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .refine(isIanaTimezone, { message: 'Not a known IANA timezone (e.g. America/Mexico_City).' });

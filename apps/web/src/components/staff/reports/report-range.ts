import { addDaysToKey, type DayKey } from '~/lib/time';

/** The range picker's choices: the last 7, 30 or 90 days, a year, or dates of one's own. */
export const PRESETS = ['7', '30', '90', '365', 'custom'] as const;
export type Preset = (typeof PRESETS)[number];

/** The longest range the API takes (`REPORT_MAX_DAYS`): a year and two spare days. */
export const MAX_DAYS = 367;

export interface ReportRange {
  from: DayKey;
  to: DayKey;
  groupBy: 'day' | 'week';
}

/** The last `days` days up to and including today, on the clinic's calendar. */
export function lastDays(days: number, today: DayKey): { from: DayKey; to: DayKey } {
  return { from: addDaysToKey(today, -(days - 1)), to: today };
}

/** Days in a range, both ends included. */
export function daysIn(from: DayKey, to: DayKey): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000) + 1;
}

/**
 * The range to ask for, or why there is none: a month or less is shown day by day, longer
 * ranges week by week (a year of daily bars is unreadable).
 */
export function reportRange(
  from: string,
  to: string,
):
  | { range: ReportRange; problem?: undefined }
  | { range?: undefined; problem: 'order' | 'long' | 'missing' } {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(from) || !/^\d{4}-\d{2}-\d{2}$/.test(to))
    return { problem: 'missing' };
  if (from > to) return { problem: 'order' };
  const days = daysIn(from, to);
  if (days > MAX_DAYS) return { problem: 'long' };
  return { range: { from, to, groupBy: days <= 31 ? 'day' : 'week' } };
}

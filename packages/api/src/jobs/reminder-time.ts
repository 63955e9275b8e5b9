import { TZDate } from '@date-fns/tz';
import { subDays, subHours } from 'date-fns';

/**
 * When a session's reminder is due: `hoursBefore` ahead on the branch's clock. Whole days are
 * counted on the wall clock (24 h before a 10:00 session is 10:00 the day before, also across
 * a DST change, when that is 23 or 25 real hours); the rest are real hours.
 */
export function reminderDueAt(startsAt: Date, timeZone: string, hoursBefore: number): Date {
  const local = new TZDate(startsAt.getTime(), timeZone);
  const days = Math.floor(hoursBefore / 24);
  return new Date(subHours(subDays(local, days), hoursBefore % 24).getTime());
}

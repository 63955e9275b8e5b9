import { TZDate } from '@date-fns/tz';

import { addLocalDays, instantAt, localDateOf } from './local-time';

/**
 * The starts of a weekly (or every `everyWeeks` weeks) series: the first as given, the others
 * on the same wall-clock time of the branch's clock, `7 × everyWeeks` calendar days apart. So a
 * 09:00 session stays at 09:00 across a daylight-saving change (its UTC instant moves by the
 * change); a wall time that a change skips or repeats resolves as `instantAt` says.
 */
export function seriesStarts(
  first: Date,
  timeZone: string,
  everyWeeks: number,
  occurrences: number,
): Date[] {
  const day = localDateOf(first, timeZone);
  const local = new TZDate(first, timeZone);
  const minuteOfDay = local.getHours() * 60 + local.getMinutes();
  const starts = [first];
  for (let i = 1; i < occurrences; i++) {
    starts.push(instantAt(addLocalDays(day, 7 * everyWeeks * i), minuteOfDay, timeZone));
  }
  return starts;
}

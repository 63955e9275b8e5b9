import { describe, expect, it } from 'vitest';

import { bookableMinutes } from './bookable-minutes';
import { bookableIntervals, type BranchSchedule } from './weekly-schedule';

/** The slow, obviously right sum: every interval the booking rules give, clipped to the range. */
function reference(schedule: BranchSchedule, since: Date, until: Date): number {
  return bookableIntervals(schedule, since, new Date(until.getTime() - 1)).reduce(
    (sum, interval) => {
      const start = Math.max(interval.start.getTime(), since.getTime());
      const end = Math.min(interval.end.getTime(), until.getTime());
      return end > start ? sum + (end - start) / 60_000 : sum;
    },
    0,
  );
}

const week = (days: number[], from: number, to: number) =>
  days.map((weekday) => ({ weekday, startMinute: from, endMinute: to }));

const madrid: BranchSchedule = {
  timeZone: 'Europe/Madrid',
  // Open through the night of the clock changes, so the lost and repeated hours matter.
  openingHours: week([0, 1, 2, 3, 4, 5, 6], 0, 1440),
  shifts: [...week([0, 6], 60, 240), ...week([1, 2, 3, 4, 5], 540, 1020)],
  daysOff: [
    {
      first: { year: 2026, month: 4, day: 2 },
      last: { year: 2026, month: 4, day: 3 },
      recursYearly: false,
    },
    {
      first: { year: 2020, month: 12, day: 25 },
      last: { year: 2020, month: 12, day: 25 },
      recursYearly: true,
    },
  ],
};

const mexico: BranchSchedule = {
  timeZone: 'America/Mexico_City',
  openingHours: week([0, 1, 2, 3, 4, 5, 6], 480, 1200),
  shifts: [...week([1, 3, 5], 540, 780), ...week([1, 3, 5], 840, 1140), ...week([2], 600, 1300)],
};

describe('bookableMinutes', () => {
  it.each([
    ['a year across both clock changes', madrid, '2025-12-31T23:00:00Z', '2026-12-31T23:00:00Z'],
    ['the spring-forward weekend', madrid, '2026-03-27T23:00:00Z', '2026-03-30T22:00:00Z'],
    ['the fall-back weekend', madrid, '2026-10-23T22:00:00Z', '2026-10-26T23:00:00Z'],
    ['ranges that cut days in the middle', madrid, '2026-03-29T01:30:00Z', '2026-04-06T10:15:00Z'],
    ['Christmas, a yearly holiday', madrid, '2026-12-20T00:00:00Z', '2026-12-31T00:00:00Z'],
    ['a zone without clock changes', mexico, '2026-01-01T06:00:00Z', '2026-07-01T06:00:00Z'],
    ['part of one day', mexico, '2026-02-03T17:00:00Z', '2026-02-03T20:30:00Z'],
    [
      'a range in another zone than the branch',
      mexico,
      '2026-03-01T00:00:00Z',
      '2026-04-01T00:00:00Z',
    ],
  ])('counts %s as the booking rules do', (_name, schedule, from, to) => {
    const since = new Date(from);
    const until = new Date(to);
    const expected = reference(schedule, since, until);
    expect(expected).toBeGreaterThan(0);
    expect(bookableMinutes(schedule, since, until)).toBe(expected);
  });

  it('is nothing for an empty range', () => {
    const at = new Date('2026-03-02T10:00:00Z');
    expect(bookableMinutes(madrid, at, at)).toBe(0);
  });
});

import { describe, expect, it } from 'vitest';

import { formatLocal, instantAt, localDateOf, nextLocalDate, weekdayOf } from './local-time';

const MADRID = 'Europe/Madrid';
/** Minutes after local midnight. */
const hm = (hours: number, minutes = 0) => hours * 60 + minutes;

describe('local wall time to instant', () => {
  it('reads ordinary days with the offset of the day (Madrid: +01:00 in winter, +02:00 in summer)', () => {
    expect(instantAt({ year: 2026, month: 1, day: 12 }, 9 * 60, MADRID)).toEqual(
      new Date('2026-01-12T08:00:00Z'),
    );
    expect(instantAt({ year: 2026, month: 7, day: 13 }, 9 * 60, MADRID)).toEqual(
      new Date('2026-07-13T07:00:00Z'),
    );
  });

  it('spring forward (Madrid, Sunday 2026-03-29, 02:00 → 03:00): skipped times move forward by the gap', () => {
    const day = { year: 2026, month: 3, day: 29 };
    expect(instantAt(day, 0, MADRID)).toEqual(new Date('2026-03-28T23:00:00Z'));
    expect(instantAt(day, hm(1, 59), MADRID)).toEqual(new Date('2026-03-29T00:59:00Z'));
    expect(instantAt(day, hm(2), MADRID)).toEqual(new Date('2026-03-29T01:00:00Z'));
    expect(instantAt(day, hm(2, 30), MADRID)).toEqual(new Date('2026-03-29T01:30:00Z'));
    expect(instantAt(day, hm(3), MADRID)).toEqual(new Date('2026-03-29T01:00:00Z'));
    // The day is 23 hours long.
    expect(instantAt(day, 1440, MADRID)).toEqual(new Date('2026-03-29T22:00:00Z'));
  });

  it('fall back (Madrid, Sunday 2026-10-25, 03:00 → 02:00): a repeated time is its first occurrence', () => {
    const day = { year: 2026, month: 10, day: 25 };
    expect(instantAt(day, 0, MADRID)).toEqual(new Date('2026-10-24T22:00:00Z'));
    expect(instantAt(day, hm(1, 59), MADRID)).toEqual(new Date('2026-10-24T23:59:00Z'));
    expect(instantAt(day, hm(2), MADRID)).toEqual(new Date('2026-10-25T00:00:00Z'));
    expect(instantAt(day, hm(2, 30), MADRID)).toEqual(new Date('2026-10-25T00:30:00Z'));
    expect(instantAt(day, hm(3), MADRID)).toEqual(new Date('2026-10-25T02:00:00Z'));
    // The day is 25 hours long.
    expect(instantAt(day, 1440, MADRID)).toEqual(new Date('2026-10-25T23:00:00Z'));
  });

  it('America/New_York springs forward at 02:00 too, on its own date (2026-03-08)', () => {
    expect(instantAt({ year: 2026, month: 3, day: 8 }, 150, 'America/New_York')).toEqual(
      new Date('2026-03-08T07:30:00Z'),
    );
    expect(instantAt({ year: 2026, month: 11, day: 1 }, 90, 'America/New_York')).toEqual(
      new Date('2026-11-01T05:30:00Z'),
    );
  });

  it('a zone without DST keeps one offset all year (Mexico City since 2022, Kathmandu +05:45)', () => {
    for (const [month, day] of [
      [1, 12],
      [3, 8],
      [4, 5],
      [7, 13],
      [11, 1],
    ] as const) {
      expect(instantAt({ year: 2026, month, day }, 9 * 60, 'America/Mexico_City')).toEqual(
        new Date(Date.UTC(2026, month - 1, day, 15)),
      );
    }
    expect(instantAt({ year: 2026, month: 6, day: 8 }, 9 * 60, 'Asia/Kathmandu')).toEqual(
      new Date('2026-06-08T03:15:00Z'),
    );
  });

  it('a day whose midnight is skipped starts at 01:00 (Santiago, 2026-09-06)', () => {
    expect(instantAt({ year: 2026, month: 9, day: 6 }, 0, 'America/Santiago')).toEqual(
      new Date('2026-09-06T04:00:00Z'),
    );
  });
});

describe('instant to local date', () => {
  it('takes the date and weekday from the branch clock, not from UTC', () => {
    const date = localDateOf(new Date('2026-03-28T23:30:00Z'), MADRID);
    expect(date).toEqual({ year: 2026, month: 3, day: 29 });
    expect(weekdayOf(date)).toBe(0);
    expect(localDateOf(new Date('2026-03-28T23:30:00Z'), 'America/Mexico_City')).toEqual({
      year: 2026,
      month: 3,
      day: 28,
    });
  });

  it('steps calendar days across months and years', () => {
    expect(nextLocalDate({ year: 2026, month: 12, day: 31 })).toEqual({
      year: 2027,
      month: 1,
      day: 1,
    });
    expect(nextLocalDate({ year: 2028, month: 2, day: 28 })).toEqual({
      year: 2028,
      month: 2,
      day: 29,
    });
  });

  it('formats wall time with the offset, so the repeated hour stays unambiguous', () => {
    expect(formatLocal(new Date('2026-10-25T00:30:00Z'), MADRID)).toBe('2026-10-25T02:30:00+02:00');
    expect(formatLocal(new Date('2026-10-25T01:30:00Z'), MADRID)).toBe('2026-10-25T02:30:00+01:00');
  });
});

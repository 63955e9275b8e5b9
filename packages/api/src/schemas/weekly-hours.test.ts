import { describe, expect, it } from 'vitest';

import { findOverlaps, fitsWithin, isIanaTimezone } from './weekly-hours';

const at = (weekday: number, start: number, end: number) => ({ weekday, start, end });

describe('weekly hours', () => {
  it('finds intervals that overlap on the same weekday, but not back-to-back ones', () => {
    expect(findOverlaps([at(1, 540, 720), at(1, 720, 900), at(2, 600, 700)])).toEqual([]);
    expect(
      findOverlaps([at(1, 540, 1020), at(3, 0, 60), at(1, 600, 660), at(1, 700, 800)]),
    ).toEqual([
      [0, 2],
      [0, 3],
    ]);
  });

  it('a shift fits inside opening hours, also across back-to-back intervals, never past them', () => {
    const hours = [at(1, 540, 720), at(1, 720, 900), at(2, 540, 600)];
    expect(fitsWithin(hours, at(1, 600, 840))).toBe(true);
    expect(fitsWithin(hours, at(1, 540, 900))).toBe(true);
    expect(fitsWithin(hours, at(1, 500, 600))).toBe(false);
    expect(fitsWithin(hours, at(2, 540, 660))).toBe(false);
    expect(fitsWithin(hours, at(3, 540, 600))).toBe(false);
  });

  it('knows IANA timezones, their aliases and UTC; refuses offsets and made-up names', () => {
    for (const zone of ['America/Mexico_City', 'Europe/Madrid', 'Asia/Kolkata', 'UTC', 'Etc/UTC'])
      expect(isIanaTimezone(zone)).toBe(true);
    for (const zone of ['+05:00', 'Mars/Olympus_Mons', '', 'America/'])
      expect(isIanaTimezone(zone)).toBe(false);
  });
});

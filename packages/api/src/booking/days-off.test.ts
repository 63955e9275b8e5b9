import { describe, expect, it } from 'vitest';

import { isDayOff } from './days-off';

const d = (year: number, month: number, day: number) => ({ year, month, day });

describe('days off', () => {
  it('blocks every day of a one-off entry, both ends included, and nothing around it', () => {
    const vacation = [{ first: d(2027, 3, 8), last: d(2027, 3, 12), recursYearly: false }];
    expect(isDayOff(d(2027, 3, 7), vacation)).toBe(false);
    expect(isDayOff(d(2027, 3, 8), vacation)).toBe(true);
    expect(isDayOff(d(2027, 3, 12), vacation)).toBe(true);
    expect(isDayOff(d(2027, 3, 13), vacation)).toBe(false);
    expect(isDayOff(d(2028, 3, 10), vacation)).toBe(false);
  });

  it('repeats a yearly holiday on the same date from its first year on', () => {
    const christmas = [{ first: d(2026, 12, 25), last: d(2026, 12, 25), recursYearly: true }];
    expect(isDayOff(d(2025, 12, 25), christmas)).toBe(false);
    expect(isDayOff(d(2026, 12, 25), christmas)).toBe(true);
    expect(isDayOff(d(2031, 12, 25), christmas)).toBe(true);
    expect(isDayOff(d(2031, 12, 26), christmas)).toBe(false);
  });

  it('carries a yearly closure across New Year', () => {
    const closure = [{ first: d(2026, 12, 30), last: d(2027, 1, 2), recursYearly: true }];
    expect(isDayOff(d(2027, 12, 31), closure)).toBe(true);
    expect(isDayOff(d(2028, 1, 1), closure)).toBe(true);
    expect(isDayOff(d(2028, 1, 3), closure)).toBe(false);
    expect(isDayOff(d(2027, 6, 1), closure)).toBe(false);
  });
});

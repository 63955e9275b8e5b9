import { describe, expect, it } from 'vitest';

import { containsInterval, intersectIntervals, mergeIntervals, overlaps } from './intervals';

const h = (hours: number) => new Date(Date.UTC(2026, 5, 8, Math.floor(hours), (hours % 1) * 60));
const span = (start: number, end: number) => ({ start: h(start), end: h(end) });

describe('intervals', () => {
  it('merges overlapping and touching intervals, drops empty ones, sorts', () => {
    expect(
      mergeIntervals([span(12, 14), span(9, 10), span(10, 11), span(13, 15), span(16, 16)]),
    ).toEqual([span(9, 11), span(12, 15)]);
  });

  it('intersects two sets', () => {
    expect(intersectIntervals([span(8, 12), span(13, 18)], [span(9, 14), span(17, 20)])).toEqual([
      span(9, 12),
      span(13, 14),
      span(17, 18),
    ]);
    expect(intersectIntervals([span(8, 9)], [span(9, 10)])).toEqual([]);
  });

  it('containment and half-open overlap', () => {
    expect(containsInterval(span(9, 12), span(11, 12))).toBe(true);
    expect(containsInterval(span(9, 12), span(11.5, 12.5))).toBe(false);
    expect(overlaps(span(9, 10), span(10, 11))).toBe(false);
    expect(overlaps(span(9, 10.5), span(10, 11))).toBe(true);
  });
});

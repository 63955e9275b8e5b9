import { describe, expect, it } from 'vitest';

import { formatLocal } from './local-time';
import { seriesStarts } from './series-occurrences';

describe('seriesStarts', () => {
  it('keeps 09:00 on the branch clock across the spring DST change in New York (the UTC instant moves an hour)', () => {
    // New York springs forward on Sunday 2027-03-14 (02:00 → 03:00): EST -05:00 → EDT -04:00.
    const starts = seriesStarts(new Date('2027-03-03T14:00:00Z'), 'America/New_York', 1, 4);
    expect(starts.map((start) => formatLocal(start, 'America/New_York'))).toEqual([
      '2027-03-03T09:00:00-05:00',
      '2027-03-10T09:00:00-05:00',
      '2027-03-17T09:00:00-04:00',
      '2027-03-24T09:00:00-04:00',
    ]);
    expect(starts[2]!.toISOString()).toBe('2027-03-17T13:00:00.000Z');
  });

  it('steps every N weeks and keeps the wall time when clocks go back in the autumn', () => {
    // New York falls back on Sunday 2027-11-07.
    const starts = seriesStarts(new Date('2027-10-25T21:30:00Z'), 'America/New_York', 2, 3);
    expect(starts.map((start) => formatLocal(start, 'America/New_York'))).toEqual([
      '2027-10-25T17:30:00-04:00',
      '2027-11-08T17:30:00-05:00',
      '2027-11-22T17:30:00-05:00',
    ]);
  });

  it('in Mexico City (no DST since 2022) every start is the same UTC time of day', () => {
    const starts = seriesStarts(new Date('2027-03-03T16:00:00Z'), 'America/Mexico_City', 1, 3);
    expect(starts.map((start) => start.toISOString())).toEqual([
      '2027-03-03T16:00:00.000Z',
      '2027-03-10T16:00:00.000Z',
      '2027-03-17T16:00:00.000Z',
    ]);
  });
});

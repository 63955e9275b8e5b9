import { describe, expect, it } from 'vitest';

import { anchorWeek, localTimeToUtc } from './local-time';

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

describe('localTimeToUtc', () => {
  it('converts Mexico City wall time (UTC-6, no DST)', () => {
    expect(localTimeToUtc(day('2026-11-30'), 9 * 60, 'America/Mexico_City').toISOString()).toBe(
      '2026-11-30T15:00:00.000Z',
    );
    expect(localTimeToUtc(day('2026-07-01'), 9 * 60, 'America/Mexico_City').toISOString()).toBe(
      '2026-07-01T15:00:00.000Z',
    );
  });

  it('follows Madrid across the spring DST change', () => {
    expect(localTimeToUtc(day('2026-03-27'), 10 * 60, 'Europe/Madrid').toISOString()).toBe(
      '2026-03-27T09:00:00.000Z',
    );
    expect(localTimeToUtc(day('2026-03-30'), 10 * 60, 'Europe/Madrid').toISOString()).toBe(
      '2026-03-30T08:00:00.000Z',
    );
    // Late evening, where the UTC date differs from the local one.
    expect(localTimeToUtc(day('2026-12-04'), 20 * 60 + 30, 'Europe/Madrid').toISOString()).toBe(
      '2026-12-04T19:30:00.000Z',
    );
  });
});

describe('anchorWeek', () => {
  it('is Monday 00:00 UTC of the ISO week, Sunday included in the week before', () => {
    expect(anchorWeek(new Date('2026-11-27T13:45:00Z')).toISOString()).toBe(
      '2026-11-23T00:00:00.000Z',
    );
    expect(anchorWeek(new Date('2026-11-23T00:00:00Z')).toISOString()).toBe(
      '2026-11-23T00:00:00.000Z',
    );
    expect(anchorWeek(new Date('2026-11-29T23:59:59Z')).toISOString()).toBe(
      '2026-11-23T00:00:00.000Z',
    );
    expect(anchorWeek(new Date('2026-11-30T00:00:00Z')).toISOString()).toBe(
      '2026-11-30T00:00:00.000Z',
    );
  });
});

import { describe, expect, it } from 'vitest';

import { cancellationReturnsCredit } from './cancellation';

describe('cancellation window', () => {
  const startsAt = new Date('2026-03-30T10:00:00Z');
  const returns = (cancelledAt: string, windowHours = 24) =>
    cancellationReturnsCredit({ startsAt, cancelledAt: new Date(cancelledAt), windowHours });

  it('returns the credit at least the window ahead, not a millisecond later', () => {
    expect(returns('2026-03-28T10:00:00Z')).toBe(true);
    expect(returns('2026-03-29T10:00:00.000Z')).toBe(true);
    expect(returns('2026-03-29T10:00:00.001Z')).toBe(false);
    expect(returns('2026-03-30T09:00:00Z')).toBe(false);
  });

  it('counts elapsed hours, so a clock change inside the window does not move it', () => {
    // Madrid springs forward on 2026-03-29; 24 elapsed hours before 10:00Z is still 10:00Z.
    expect(returns('2026-03-29T09:59:59Z', 24)).toBe(true);
  });

  it('follows the clinic setting', () => {
    expect(returns('2026-03-30T07:00:00Z', 2)).toBe(true);
    expect(returns('2026-03-30T08:30:00Z', 2)).toBe(false);
    expect(returns('2026-03-30T09:59:00Z', 0)).toBe(true);
  });
});

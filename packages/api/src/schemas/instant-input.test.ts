import { describe, expect, it } from 'vitest';
import { z } from 'zod';

import { checkRange, zInstant } from './instant-input';

describe('zInstant', () => {
  it('takes Dates and ISO strings with an offset', () => {
    expect(zInstant.parse(new Date('2026-03-29T07:00:00Z'))).toEqual(
      new Date('2026-03-29T07:00:00Z'),
    );
    expect(zInstant.parse('2026-03-29T09:00:00+02:00')).toEqual(new Date('2026-03-29T07:00:00Z'));
  });

  it('refuses local times without an offset, junk, invalid dates and far-off years', () => {
    for (const value of [
      '2026-03-29T09:00:00',
      '2026-03-29',
      'tomorrow',
      new Date(Number.NaN),
      '2150-01-01T00:00:00Z',
      1_700_000_000_000,
    ]) {
      expect(zInstant.safeParse(value).success).toBe(false);
    }
  });
});

describe('checkRange', () => {
  const schema = z
    .object({ from: zInstant.optional(), to: zInstant.optional() })
    .superRefine((value, context) => checkRange(value, 31, context));

  it('wants from before to, at most the given days apart, and leaves a lone end alone', () => {
    expect(
      schema.safeParse({ from: '2026-04-01T00:00:00Z', to: '2026-05-02T00:00:00Z' }).success,
    ).toBe(true);
    expect(schema.safeParse({ from: '2026-04-01T00:00:00Z' }).success).toBe(true);
    const tooLong = schema.safeParse({ from: '2026-04-01T00:00:00Z', to: '2026-05-02T00:00:01Z' });
    expect(tooLong.error?.issues.map((issue) => issue.path)).toEqual([['to']]);
    const backwards = schema.safeParse({
      from: '2026-04-02T00:00:00Z',
      to: '2026-04-01T00:00:00Z',
    });
    expect(backwards.error?.issues.map((issue) => issue.path)).toEqual([['to']]);
  });
});

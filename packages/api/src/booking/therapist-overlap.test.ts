import { describe, expect, it } from 'vitest';

import { isTherapistOverlap } from './therapist-overlap';

// The shape Prisma 7 (driver adapter pg) throws, as observed in an integration run.
const exclusionViolation = Object.assign(new Error('Database error. Code: `23P01`.'), {
  code: 'P2039',
  meta: {
    modelName: 'Reservation',
    driverAdapterError: {
      name: 'DriverAdapterError',
      cause: {
        originalCode: '23P01',
        originalMessage:
          'conflicting key value violates exclusion constraint "reservations_no_therapist_overlap"',
        kind: 'postgres',
        code: '23P01',
      },
    },
  },
});

describe('isTherapistOverlap', () => {
  it('recognises the exclusion violation as Prisma surfaces it', () => {
    expect(isTherapistOverlap(exclusionViolation)).toBe(true);
  });

  it('leaves other errors alone', () => {
    const unique = {
      code: 'P2002',
      meta: {
        driverAdapterError: { cause: { originalCode: '23505', kind: 'UniqueConstraintViolation' } },
      },
    };
    expect(isTherapistOverlap(unique)).toBe(false);
    expect(isTherapistOverlap(new Error('boom'))).toBe(false);
    expect(isTherapistOverlap(null)).toBe(false);
    expect(isTherapistOverlap(undefined)).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { AuthError } from '@eventora/auth';
import { TenancyError } from '@eventora/tenancy';

import { AppError } from './app-error';
import { toTRPCError } from './to-trpc-error';

describe('toTRPCError', () => {
  it('keeps the safe message and code of known errors', () => {
    expect(toTRPCError(new AppError('CONFLICT', 'Already cancelled.'))).toMatchObject({
      code: 'CONFLICT',
      message: 'Already cancelled.',
    });
    expect(
      toTRPCError(new AuthError('INVALID_CREDENTIALS', 'Wrong email or password.')),
    ).toMatchObject({ code: 'UNAUTHORIZED' });
    expect(toTRPCError(new TenancyError('CLINIC_NOT_FOUND', 'No such clinic.'))).toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('never lets an internal tenancy failure explain itself to a client', () => {
    const error = toTRPCError(
      new TenancyError('TENANT_NOT_BOUND', 'No clinic is bound to this unit of work.'),
    );
    expect(error).toMatchObject({ code: 'INTERNAL_SERVER_ERROR', message: 'Internal error.' });
  });

  it('answers an exclusion or unique violation surfaced by Prisma 7 as a conflict, without the constraint name', () => {
    const exclusion = Object.assign(
      new Error(
        'conflicting key value violates exclusion constraint "reservations_no_therapist_overlap"',
      ),
      {
        code: 'P2039',
        meta: { driverAdapterError: { cause: { originalCode: '23P01' } } },
      },
    );
    const mapped = toTRPCError(exclusion);
    expect(mapped.code).toBe('CONFLICT');
    expect(mapped.message).not.toMatch(/reservations|constraint|23P01/);
  });

  it('turns anything unknown into a bare internal error', () => {
    const mapped = toTRPCError(new Error('relation "users" does not exist at character 15'));
    expect(mapped).toMatchObject({ code: 'INTERNAL_SERVER_ERROR', message: 'Internal error.' });
  });
});

import { describe, expect, it } from 'vitest';

import { isTenancyError } from '../errors';
import { scopeArgs, uniqueToFilter } from './scope-args';
import { TENANT_MODELS } from './tenant-models';

const A = '0195f1a0-0000-7000-8000-00000000000a';
const B = '0195f1a0-0000-7000-8000-00000000000b';

function crossTenant(run: () => unknown): boolean {
  try {
    run();
    return false;
  } catch (error) {
    return isTenancyError(error, 'CROSS_TENANT');
  }
}

describe('tenant models', () => {
  it('are every model with a clinicId field, and only those', () => {
    expect([...TENANT_MODELS].sort()).toEqual(
      [
        'AccountToken',
        'AuditLog',
        'Branch',
        'CalendarFeed',
        'CheckoutSession',
        'ErasureRequest',
        'OpeningHours',
        'OutboxMessage',
        'Package',
        'PasswordResetToken',
        'Payment',
        'PrivacyConsent',
        'PrivacyNotice',
        'Reservation',
        'ReservationNote',
        'ReservationSeries',
        'Service',
        'Session',
        'SignInAttempt',
        'StripeEvent',
        'Therapist',
        'TherapistBranch',
        'TherapistService',
        'TherapistShift',
        'TimeOff',
        'User',
        'UserPackage',
        'WaitlistEntry',
      ].sort(),
    );
    expect(TENANT_MODELS.has('Clinic')).toBe(false);
    expect(TENANT_MODELS.has('PlatformAuditLog')).toBe(false);
    expect(TENANT_MODELS.has('PlatformSignInAttempt')).toBe(false);
  });
});

describe('scopeArgs', () => {
  it.each([
    'findFirst',
    'findFirstOrThrow',
    'findMany',
    'count',
    'aggregate',
    'groupBy',
    'updateMany',
    'deleteMany',
    'updateManyAndReturn',
  ])('%s filters by the bound clinic, even with no where at all', (operation) => {
    expect(scopeArgs('Reservation', operation, undefined, A).where).toEqual({ clinicId: A });
    expect(scopeArgs('Reservation', operation, { where: { status: 'booked' } }, A).where).toEqual({
      status: 'booked',
      clinicId: A,
    });
  });

  it('ANDs the clinic at the top level so an OR cannot escape it', () => {
    const scoped = scopeArgs(
      'User',
      'findMany',
      { where: { OR: [{ email: 'x' }, { name: 'y' }] } },
      A,
    );
    expect(scoped.where).toEqual({ OR: [{ email: 'x' }, { name: 'y' }], clinicId: A });
  });

  it('scopes update and delete by id through where, not only through data', () => {
    expect(
      scopeArgs(
        'Branch',
        'update',
        { where: { clinicId_id: { clinicId: A, id: 'x' } }, data: { name: 'n' } },
        A,
      ).where,
    ).toEqual({ clinicId_id: { clinicId: A, id: 'x' }, clinicId: A });
    expect(
      scopeArgs('Branch', 'delete', { where: { clinicId_id: { clinicId: A, id: 'x' } } }, A).where,
    ).toMatchObject({ clinicId: A });
  });

  it('stamps the bound clinic on created rows, one or many', () => {
    expect(scopeArgs('Branch', 'create', { data: { name: 'n' } }, A).data).toEqual({
      name: 'n',
      clinicId: A,
    });
    expect(
      scopeArgs('Branch', 'createMany', { data: [{ name: 'a' }, { name: 'b' }] }, A).data,
    ).toEqual([
      { name: 'a', clinicId: A },
      { name: 'b', clinicId: A },
    ]);
    expect(scopeArgs('Branch', 'createManyAndReturn', { data: { name: 'a' } }, A).data).toEqual({
      name: 'a',
      clinicId: A,
    });
  });

  it('scopes upsert in where and in its create branch', () => {
    const scoped = scopeArgs(
      'User',
      'upsert',
      {
        where: { clinicId_email: { clinicId: A, email: 'e' } },
        create: { email: 'e', name: 'n' },
        update: { name: 'n' },
      },
      A,
    );
    expect(scoped.where).toMatchObject({ clinicId: A });
    expect(scoped.create).toEqual({ email: 'e', name: 'n', clinicId: A });
  });

  it('rejects another clinic named anywhere instead of rewriting it', () => {
    expect(crossTenant(() => scopeArgs('User', 'findMany', { where: { clinicId: B } }, A))).toBe(
      true,
    );
    expect(
      crossTenant(() => scopeArgs('User', 'findFirst', { where: { clinicId: { in: [A, B] } } }, A)),
    ).toBe(true);
    expect(
      crossTenant(() => scopeArgs('User', 'findFirst', { where: { clinicId: { not: A } } }, A)),
    ).toBe(true);
    expect(
      crossTenant(() =>
        scopeArgs(
          'User',
          'update',
          { where: { clinicId_id: { clinicId: B, id: 'x' } }, data: {} },
          A,
        ),
      ),
    ).toBe(true);
    expect(
      crossTenant(() =>
        scopeArgs('User', 'create', { data: { clinicId: B, email: 'e', name: 'n' } }, A),
      ),
    ).toBe(true);
    expect(
      crossTenant(() =>
        scopeArgs('User', 'createMany', { data: [{ clinicId: A }, { clinicId: B }] }, A),
      ),
    ).toBe(true);
    expect(
      crossTenant(() =>
        scopeArgs('Reservation', 'update', { where: { clinicId: A }, data: { clinicId: B } }, A),
      ),
    ).toBe(true);
    expect(
      crossTenant(() =>
        scopeArgs(
          'User',
          'upsert',
          { where: { clinicId: A }, create: { clinicId: B }, update: {} },
          A,
        ),
      ),
    ).toBe(true);
    expect(
      crossTenant(() =>
        scopeArgs(
          'Branch',
          'update',
          { where: { clinicId: A }, data: { therapists: { create: [{ clinicId: B }] } } },
          A,
        ),
      ),
    ).toBe(true);
    expect(
      crossTenant(() => scopeArgs('User', 'findMany', { where: { AND: [{ clinicId: B }] } }, A)),
    ).toBe(true);
  });

  it('accepts the bound clinic written by the caller, plainly or as equals', () => {
    expect(scopeArgs('User', 'findMany', { where: { clinicId: { equals: A } } }, A).where).toEqual({
      clinicId: A,
    });
    expect(
      scopeArgs('User', 'create', { data: { clinicId: A, email: 'e', name: 'n' } }, A).data,
    ).toMatchObject({ clinicId: A });
  });

  it('refuses operations it does not know rather than passing them through', () => {
    expect(crossTenant(() => scopeArgs('User', 'aggregateRaw', {}, A))).toBe(true);
  });
});

describe('uniqueToFilter', () => {
  it('spreads compound unique keys into AND so a repeated field must match twice', () => {
    expect(uniqueToFilter('User', { clinicId_email: { clinicId: A, email: 'e' } })).toEqual({
      AND: [{ clinicId: A, email: 'e' }],
    });
    expect(uniqueToFilter('User', { clinicId: A, clinicId_id: { clinicId: B, id: 'x' } })).toEqual({
      clinicId: A,
      AND: [{ clinicId: B, id: 'x' }],
    });
  });

  it('leaves plain fields alone', () => {
    expect(uniqueToFilter('Clinic', { slug: 'alpha' })).toEqual({ slug: 'alpha' });
  });
});

import { runWithClinic, TenantRouter } from '@eventora/tenancy';
import {
  createClinicFixture,
  createTestDatabase,
  type ClinicFixture,
  type TestDatabase,
} from '@eventora/tenancy/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { writeMessage } from './write-message';

const reset = (email: string) =>
  ({
    kind: 'password.reset',
    to: { email, name: 'Ana' },
    data: { expiresAt: '2031-01-01T10:00:00.000Z' },
    secrets: { link: 'http://alpha.localhost:3000/reset-password?token=abc' },
  }) as const;

describe('writeMessage', () => {
  let database: TestDatabase;
  let router: TenantRouter;
  let alpha: ClinicFixture;
  let beta: ClinicFixture;

  beforeAll(async () => {
    database = await createTestDatabase();
    router = new TenantRouter({ connectionString: database.appUrl, connectionBudget: 6 });
    alpha = await createClinicFixture(database, router, { slug: 'alpha' });
    beta = await createClinicFixture(database, router, { slug: 'beta', mode: 'schema' });
  });
  afterAll(async () => {
    await router?.close();
    await database?.drop();
  });

  const inbox = (fixture: ClinicFixture, email: string) =>
    runWithClinic(fixture.clinic, () =>
      fixture.db.outboxMessage.findMany({
        where: { toEmail: email },
        select: { kind: true, status: true, secrets: true, locale: true },
      }),
    );

  it('a message written in a transaction that commits is pending; one that rolls back is gone', async () => {
    await runWithClinic(alpha.clinic, () =>
      alpha.db.$transaction((tx) => writeMessage(tx, reset('kept@alpha.test'))),
    );
    const failed = await runWithClinic(alpha.clinic, () =>
      alpha.db.$transaction(async (tx) => {
        await writeMessage(tx, reset('dropped@alpha.test'));
        throw new Error('the change failed after the message was written');
      }),
    ).catch((error: unknown) => error);

    expect(failed).toBeInstanceOf(Error);
    expect(await inbox(alpha, 'kept@alpha.test')).toEqual([
      {
        kind: 'password.reset',
        status: 'pending',
        locale: 'en',
        secrets: { link: 'http://alpha.localhost:3000/reset-password?token=abc' },
      },
    ]);
    expect(await inbox(alpha, 'dropped@alpha.test')).toEqual([]);
  });

  it('a repeated dedupe key writes once and does not abort the transaction', async () => {
    const reminder = {
      kind: 'booking.reminder',
      to: { email: 'dedupe@alpha.test', name: 'Dee' },
      locale: 'es',
      dedupeKey: 'reminder:one',
      data: {
        reservationId: alpha.ids.reservation,
        therapistName: 'Tom',
        branchName: 'Downtown',
        branchAddress: null,
        timezone: 'America/Mexico_City',
        startsAt: '2031-01-01T16:00:00.000Z',
        endsAt: '2031-01-01T17:00:00.000Z',
        manageUrl: 'http://alpha.localhost:3000/bookings',
        unsubscribeUrl: 'http://alpha.localhost:3000/unsubscribe?token=x',
      },
    } as const;
    const [first, second] = await runWithClinic(alpha.clinic, () =>
      alpha.db.$transaction(async (tx) => [
        await writeMessage(tx, reminder),
        await writeMessage(tx, reminder),
      ]),
    );
    expect(first).toEqual({ id: expect.any(String) });
    expect(second).toBeNull();
    expect(await inbox(alpha, 'dedupe@alpha.test')).toHaveLength(1);
  });

  it('a message that does not fit its kind fails the change instead of the delivery', async () => {
    const bad = { ...reset('bad@alpha.test'), secrets: { link: 'javascript:alert(1)' } };
    await expect(
      runWithClinic(alpha.clinic, () => writeMessage(alpha.db, bad as never)),
    ).rejects.toThrow();
    expect(await inbox(alpha, 'bad@alpha.test')).toEqual([]);
  });

  it('with no clinic bound nothing is written (fail closed)', async () => {
    await expect(writeMessage(alpha.db, reset('nobody@alpha.test'))).rejects.toMatchObject({
      code: 'TENANT_NOT_BOUND',
    });
  });

  it('each clinic sees only its own outbox, in the shared schema and in its own', async () => {
    await runWithClinic(beta.clinic, () => writeMessage(beta.db, reset('b@beta.test')));
    expect(await inbox(beta, 'b@beta.test')).toHaveLength(1);
    expect(await inbox(alpha, 'b@beta.test')).toEqual([]);
    expect(await inbox(beta, 'kept@alpha.test')).toEqual([]);
  });
});

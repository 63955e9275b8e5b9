import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { runWithClinic } from '../context/tenant-context';
import { isTenancyError } from '../errors';
import { TenantRouter } from '../router/tenant-router';
import {
  createClinicFixture,
  createTestDatabase,
  type ClinicFixture,
  type TestDatabase,
} from '../testing';
import { asPlatform } from './as-platform';
import { PlatformWriter } from './platform-writer';

const OPERATOR = '0195f1a0-0000-7000-8000-0000000000aa';
const REASON = 'Ticket 4711: client cannot see her booking';

describe('platform access', () => {
  let database: TestDatabase;
  let router: TenantRouter;
  let writer: PlatformWriter;
  let a: ClinicFixture;
  let b: ClinicFixture;

  const inMinutes = (minutes: number) => new Date(Date.now() + minutes * 60_000);
  const denied = (error: unknown) => isTenancyError(error, 'PLATFORM_ACCESS_DENIED');
  const auditOf = (fixture: ClinicFixture) =>
    runWithClinic(fixture.clinic, () =>
      fixture.db.auditLog.findMany({
        orderBy: { seq: 'asc' },
        select: {
          actorType: true,
          actorId: true,
          action: true,
          entityType: true,
          reason: true,
          metadata: true,
        },
      }),
    );

  beforeAll(async () => {
    database = await createTestDatabase();
    router = new TenantRouter({ connectionString: database.appUrl, connectionBudget: 4 });
    writer = new PlatformWriter(database.platformUrl);
    a = await createClinicFixture(database, router, { slug: 'alpha' });
    b = await createClinicFixture(database, router, { slug: 'beta' });
  });

  afterAll(async () => {
    await router?.close();
    await writer?.close();
    await database?.drop();
  });

  it('opens one clinic, and the clinic’s own audit log shows who looked, at what and why', async () => {
    const reservations = await asPlatform(
      router,
      { operatorId: OPERATOR, writer, reason: REASON, clinic: 'alpha', expiresAt: inMinutes(30) },
      (db) => db.reservation.findMany({ select: { id: true, clinicId: true } }),
    );
    expect(reservations).toEqual([{ id: a.ids.reservation, clinicId: a.clinic.id }]);

    const entries = await auditOf(a);
    expect(entries).toEqual([
      expect.objectContaining({
        actorType: 'platform',
        actorId: OPERATOR,
        action: 'platform.access',
        reason: REASON,
      }),
      expect.objectContaining({
        actorType: 'platform',
        actorId: OPERATOR,
        action: 'platform.operation',
        entityType: 'Reservation',
        metadata: { operation: 'findMany' },
      }),
    ]);
    expect(await auditOf(b)).toEqual([]);
  });

  it('read-only access refuses writes and raw SQL, and nothing changes', async () => {
    await asPlatform(
      router,
      { operatorId: OPERATOR, writer, reason: REASON, clinic: 'alpha', expiresAt: inMinutes(5) },
      async (db, clinic) => {
        await expect(
          db.branch.create({ data: { clinicId: clinic.id, name: 'x', timezone: 'UTC' } }),
        ).rejects.toSatisfy(denied);
        await expect(db.reservation.updateMany({ data: { notes: 'x' } })).rejects.toSatisfy(denied);
        await expect(db.$executeRawUnsafe('DELETE FROM reservations')).rejects.toSatisfy(denied);
      },
    );
    await runWithClinic(a.clinic, async () => {
      expect(await a.db.branch.count()).toBe(1);
      expect((await a.db.reservation.findFirstOrThrow()).notes).toBeNull();
    });
  });

  it('ends by itself when its time is up', async () => {
    await asPlatform(
      router,
      {
        operatorId: OPERATOR,
        writer,
        reason: REASON,
        clinic: 'alpha',
        expiresAt: new Date(Date.now() + 1_000),
      },
      async (db) => {
        await db.user.count();
        await new Promise((resolve) => setTimeout(resolve, 1_100));
        await expect(db.user.count()).rejects.toSatisfy(denied);
      },
    );
  });

  it('needs a reason and a short time limit, and reaches one clinic only', async () => {
    const attempt = (request: Partial<Parameters<typeof asPlatform>[1]>) =>
      asPlatform(
        router,
        {
          operatorId: OPERATOR,
          writer,
          reason: REASON,
          clinic: 'alpha',
          expiresAt: inMinutes(5),
          ...request,
        },
        (db) => db.user.count(),
      );
    await expect(attempt({ reason: 'because' })).rejects.toSatisfy(denied);
    await expect(attempt({ expiresAt: inMinutes(61) })).rejects.toSatisfy(denied);
    await expect(attempt({ expiresAt: inMinutes(-1) })).rejects.toSatisfy(denied);
    await expect(
      asPlatform(
        router,
        { operatorId: OPERATOR, writer, reason: REASON, clinic: 'alpha', expiresAt: inMinutes(5) },
        () => runWithClinic(b.clinic, () => b.db.user.count()),
      ),
    ).rejects.toSatisfy((error) => isTenancyError(error, 'TENANT_REBIND'));
  });
});

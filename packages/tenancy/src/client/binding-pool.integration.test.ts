import type pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { runWithClinic } from '../context/tenant-context';
import { TenantRouter } from '../router/tenant-router';
import {
  createClinicFixture,
  createTestDatabase,
  type ClinicFixture,
  type TestDatabase,
} from '../testing';
import { withClient } from '../with-client';
import { BIND_STATEMENT, createBindingPool } from './binding-pool';
import { tenantClientOnPool, type TenantClient } from './tenant-client';

/**
 * The binding prelude is a named prepared statement, created once per connection. Whatever
 * happens to that statement or that connection, every statement must still carry its own
 * clinic's binding: one connection (a pool of one) makes any leak or stale state show.
 */
describe('the prepared binding prelude', () => {
  let database: TestDatabase;
  let router: TenantRouter;
  let a: ClinicFixture;
  let b: ClinicFixture;
  let pool: pg.Pool;
  let db: TenantClient;

  beforeAll(async () => {
    database = await createTestDatabase();
    router = new TenantRouter({ connectionString: database.appUrl, connectionBudget: 4 });
    a = await createClinicFixture(database, router, { slug: 'prep-a', mode: 'shared' });
    b = await createClinicFixture(database, router, { slug: 'prep-b', mode: 'shared' });
  });

  afterAll(async () => {
    await router?.close();
    await database?.drop();
  });

  beforeEach(async () => {
    await db?.$disconnect();
    await pool?.end();
    pool = createBindingPool({ connectionString: database.appUrl, max: 1 });
    db = tenantClientOnPool(pool, { ownsPool: false });
  });

  /** The clinic ids of the users clinic `fixture` can see, and the backend that answered. */
  const usersSeenBy = (fixture: ClinicFixture) =>
    runWithClinic(fixture.clinic, async () => ({
      clinics: [
        ...new Set((await db.user.findMany({ select: { clinicId: true } })).map((u) => u.clinicId)),
      ],
      backend: (await db.$queryRaw<{ pid: number }[]>`SELECT pg_backend_pid() AS pid`)[0]!.pid,
    }));

  /** The prelude as the connection's backend holds it (seen through the pool's one connection). */
  const preludeOnConnection = () =>
    runWithClinic(
      a.clinic,
      () =>
        db.$queryRaw<{ name: string; runs: number }[]>`
        SELECT name, (generic_plans + custom_plans)::int AS runs
          FROM pg_prepared_statements WHERE name = ${BIND_STATEMENT}`,
    );

  it('is parsed once per connection and reused by every statement after', async () => {
    for (let i = 0; i < 10; i += 1) {
      expect((await usersSeenBy(i % 2 ? a : b)).clinics).toEqual([(i % 2 ? a : b).clinic.id]);
    }
    // One statement, run for all 21 statements (a re-parse would have reset its counts).
    const [prelude, ...others] = await preludeOnConnection();
    expect(others).toEqual([]);
    expect(prelude?.runs).toBeGreaterThanOrEqual(21);
  });

  it('is created again on the new connection after the old one is terminated', async () => {
    const before = await usersSeenBy(a);
    await withClient(database.adminUrl, (admin) =>
      admin.query('SELECT pg_terminate_backend($1)', [before.backend]),
    );
    // The dead connection may surface once as an error; the pool then opens a new one.
    await usersSeenBy(b).catch(() => undefined);
    const after = await usersSeenBy(b);
    expect(after.backend).not.toBe(before.backend);
    expect(after.clinics).toEqual([b.clinic.id]);
    expect((await usersSeenBy(a)).clinics).toEqual([a.clinic.id]);
    expect(await preludeOnConnection()).toEqual([
      { name: BIND_STATEMENT, runs: expect.any(Number) },
    ]);
  });

  it('survives DISCARD ALL on its connection: the next statement re-creates it and stays bound', async () => {
    const before = await usersSeenBy(a);
    await pool.query('DISCARD ALL');
    const after = await usersSeenBy(b);
    expect(after.clinics).toEqual([b.clinic.id]);
    expect((await usersSeenBy(a)).clinics).toEqual([a.clinic.id]);
    // Same connection or a fresh one, the prelude is back and nothing was unbound.
    expect(after.backend).toBeGreaterThan(0);
    expect(before.clinics).toEqual([a.clinic.id]);
    expect(await preludeOnConnection()).toHaveLength(1);
  });

  it('survives DEALLOCATE inside an interactive transaction: that transaction fails, the next is bound', async () => {
    await usersSeenBy(a);
    const failed = await runWithClinic(a.clinic, () =>
      db.$transaction(async (tx) => {
        await tx.$executeRawUnsafe(`DEALLOCATE ${BIND_STATEMENT}`);
        return tx.user.count();
      }),
    ).catch((error: unknown) => error);
    // Either refused (the transaction could not re-create it) or still correctly bound.
    if (typeof failed === 'number') expect(failed).toBe(1);
    else expect(failed).toBeInstanceOf(Error);
    expect((await usersSeenBy(b)).clinics).toEqual([b.clinic.id]);
    expect(await preludeOnConnection()).toHaveLength(1);
  });

  it('a statement that fails on a fresh connection does not leave it half-prepared', async () => {
    await expect(
      runWithClinic(a.clinic, () => db.$queryRawUnsafe('SELECT * FROM no_such_table')),
    ).rejects.toThrow();
    expect((await usersSeenBy(a)).clinics).toEqual([a.clinic.id]);
    expect((await usersSeenBy(b)).clinics).toEqual([b.clinic.id]);
  });

  it('after an aborted transaction the connection binds the next clinic, not the last one', async () => {
    await expect(
      runWithClinic(a.clinic, () =>
        db.$transaction(async (tx) => {
          await tx.user.count();
          await tx.$queryRawUnsafe('SELECT 1/0');
        }),
      ),
    ).rejects.toThrow();
    expect((await usersSeenBy(b)).clinics).toEqual([b.clinic.id]);
    // No clinic bound: the same connection sees nothing.
    const unbound = await pool.query('SELECT count(*)::int AS n FROM users');
    expect(unbound.rows[0].n).toBe(0);
  });
});

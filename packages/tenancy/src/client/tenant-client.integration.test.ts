import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { currentClinic, runWithClinic } from '../context/tenant-context';
import { isTenancyError } from '../errors';
import { TenantRouter } from '../router/tenant-router';
import {
  createClinicFixture,
  createTestDatabase,
  type ClinicFixture,
  type TestDatabase,
} from '../testing';
import { createBindingPool } from './binding-pool';
import { tenantClientOnPool } from './tenant-client';

describe('the tenant client', () => {
  let database: TestDatabase;
  let router: TenantRouter;
  let a: ClinicFixture;
  let b: ClinicFixture;

  beforeAll(async () => {
    database = await createTestDatabase();
    router = new TenantRouter({ connectionString: database.appUrl, connectionBudget: 4 });
    a = await createClinicFixture(database, router, { slug: 'alpha' });
    b = await createClinicFixture(database, router, { slug: 'beta' });
  });

  afterAll(async () => {
    await router?.close();
    await database?.drop();
  });

  /** A tenant client on a pool of its own whose statements are recorded. */
  function recordingClient(max: number) {
    const pool = createBindingPool({ connectionString: database.appUrl, max });
    const statements: string[] = [];
    pool.on('acquire', (client: pg.PoolClient & { __recording?: boolean }) => {
      if (client.__recording) return;
      client.__recording = true;
      const query = client.query.bind(client) as (...args: unknown[]) => unknown;
      (client as unknown as { query: typeof query }).query = (...args: unknown[]) => {
        const config = args[0] as string | { text?: string };
        statements.push(typeof config === 'string' ? config : String(config.text));
        return query(...args);
      };
    });
    const db = tenantClientOnPool(pool, { ownsPool: true });
    return { db, statements, pool };
  }

  it('binds one clinic per unit of work and refuses to re-bind another inside it', async () => {
    await runWithClinic(a.clinic, async () => {
      await runWithClinic(a.clinic, async () => expect(currentClinic()?.id).toBe(a.clinic.id));
      await expect(runWithClinic(b.clinic, async () => 'never')).rejects.toSatisfy((error) =>
        isTenancyError(error, 'TENANT_REBIND'),
      );
    });
    expect(currentClinic()).toBeUndefined();
  });

  it('a plain query costs one statement and no transaction', async () => {
    const { db, statements } = recordingClient(1);
    try {
      await runWithClinic(a.clinic, () => db.reservation.findMany({ take: 50 }));
      expect(statements.filter((sql) => /^\s*(BEGIN|COMMIT)/i.test(sql))).toEqual([]);
      expect(statements).toHaveLength(1);
    } finally {
      await db.$disconnect();
    }
  });

  it('an interactive transaction is atomic and scoped, and does not deadlock on a pool of one', async () => {
    const { db } = recordingClient(1);
    try {
      const result = await runWithClinic(a.clinic, () =>
        db.$transaction(async (tx) => {
          const branch = await tx.branch.create({
            data: { clinicId: a.clinic.id, name: 'tx branch', timezone: 'UTC' },
          });
          const visible = await tx.branch.findMany({ select: { clinicId: true } });
          return { branch, visible };
        }),
      );
      expect(result.visible.every((row) => row.clinicId === a.clinic.id)).toBe(true);
      expect(result.visible).toHaveLength(2);
      // Other work queued behind the transaction on the single connection still completes.
      const counts = await Promise.all([
        runWithClinic(a.clinic, () => db.$transaction(async (tx) => tx.branch.count())),
        runWithClinic(b.clinic, () => db.branch.count()),
        runWithClinic(a.clinic, () => db.$transaction([db.branch.count(), db.user.count()])),
      ]);
      expect(counts).toEqual([2, 1, [2, 1]]);
      await runWithClinic(a.clinic, () =>
        db.branch.deleteMany({ where: { id: result.branch.id } }),
      );
    } finally {
      await db.$disconnect();
    }
  });

  it('an error mid-transaction rolls back everything and leaves no binding on the connection', async () => {
    const { db, pool } = recordingClient(1);
    try {
      await expect(
        runWithClinic(a.clinic, () =>
          db.$transaction(async (tx) => {
            await tx.user.create({
              data: { clinicId: a.clinic.id, email: 'half@alpha.test', name: 'half' },
            });
            await tx.$executeRawUnsafe('SELECT 1/0');
          }),
        ),
      ).rejects.toThrow(/division by zero/);
      // The next user of that one connection is clinic B, then nobody at all.
      const seenByB = await runWithClinic(b.clinic, () =>
        db.user.findMany({ select: { clinicId: true } }),
      );
      expect(seenByB).toEqual([{ clinicId: b.clinic.id }]);
      const unbound = await pool.query(
        "SELECT current_setting('app.current_tenant', true) AS t, count(*)::int AS n FROM users",
      );
      expect(unbound.rows[0]).toEqual({ t: '', n: 0 });
      expect(await runWithClinic(a.clinic, () => db.user.count())).toBe(1);
    } finally {
      await db.$disconnect();
    }
  });

  it('findUnique calls of two clinics in the same tick each find their own row', async () => {
    // Prisma batches same-tick findUnique calls into one query; ours must not mix clinics.
    const found = await Promise.all(
      Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? a : b)).map((fixture) =>
        runWithClinic(fixture.clinic, () =>
          fixture.db.user.findUnique({
            where: { clinicId_id: { clinicId: fixture.clinic.id, id: fixture.ids.client } },
            select: { clinicId: true },
          }),
        ),
      ),
    );
    expect(found.map((row) => row?.clinicId)).toEqual(
      Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? a : b).clinic.id),
    );
  });

  it('a query started outside any binding fails closed, even if created inside one', async () => {
    let lazy: PromiseLike<unknown> | undefined;
    await runWithClinic(a.clinic, async () => {
      // Prisma queries are lazy: this one is created inside the binding but not sent yet.
      lazy = a.db.user.findMany();
    });
    await expect(Promise.resolve(lazy)).rejects.toSatisfy((error) =>
      isTenancyError(error, 'TENANT_NOT_BOUND'),
    );
  });
});

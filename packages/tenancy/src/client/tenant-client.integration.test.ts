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
import { withClient } from '../with-client';
import { CLINIC_SCHEMA_PLACEHOLDER, createBindingPool } from './binding-pool';
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

describe('one tenant client for every schema clinic', () => {
  let database: TestDatabase;
  let router: TenantRouter;
  let a: ClinicFixture;
  let b: ClinicFixture;
  let shared: ClinicFixture;

  beforeAll(async () => {
    database = await createTestDatabase();
    router = new TenantRouter({ connectionString: database.appUrl, connectionBudget: 8 });
    a = await createClinicFixture(database, router, { slug: 'onea', mode: 'schema' });
    b = await createClinicFixture(database, router, { slug: 'oneb', mode: 'schema' });
    shared = await createClinicFixture(database, router, { slug: 'one-shared' });
  });

  afterAll(async () => {
    await router?.close();
    await database?.drop();
  });

  it('serves both clinics, which never see each other’s rows, in many interleaved units of work', async () => {
    expect(a.db).toBe(b.db);
    const unit = async (fixture: ClinicFixture, i: number) =>
      router.withClinic(fixture.clinic.slug, async (db, clinic) => {
        await db.branch.create({
          data: { clinicId: clinic.id, name: `branch ${i}`, timezone: 'UTC' },
        });
        const inTransaction = await db.$transaction(async (tx) => {
          await tx.user.create({
            data: { clinicId: clinic.id, email: `u${i}@${clinic.slug}.test`, name: `u${i}` },
          });
          return tx.user.findMany({ select: { clinicId: true, email: true } });
        });
        const [raw] = await db.$queryRaw<{ schema: string; users: number; branches: number }[]>`
          SELECT current_schema() AS schema, (SELECT count(*)::int FROM users) AS users,
                 (SELECT count(*)::int FROM branches) AS branches`;
        const branches = await db.branch.findMany({ select: { clinicId: true, name: true } });
        return { inTransaction, raw: raw!, branches };
      });
    const fixtures = Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? a : b));
    const results = await Promise.all(fixtures.map((fixture, i) => unit(fixture, i)));

    for (const [i, result] of results.entries()) {
      const fixture = fixtures[i]!;
      const slug = fixture.clinic.slug;
      expect(new Set(result.branches.map((row) => row.clinicId))).toEqual(
        new Set([fixture.clinic.id]),
      );
      expect(result.branches.map((row) => row.name)).toContain(`branch ${i}`);
      expect(result.inTransaction.every((row) => row.email.endsWith(`@${slug}.test`))).toBe(true);
      expect(result.inTransaction.map((row) => row.email)).toContain(`u${i}@${slug}.test`);
      expect(result.raw.schema).toBe(`clinic_${slug}`);
    }
    // Each clinic's rows are in its own schema, and only there (read as the superuser: no RLS).
    const counts = await withClient(database.adminUrl, async (admin) => {
      const { rows } = await admin.query<{ a: number; b: number; shared: number }>(
        `SELECT (SELECT count(*)::int FROM clinic_onea.branches
                  WHERE name LIKE 'branch %' AND clinic_id = $1) AS a,
                (SELECT count(*)::int FROM clinic_oneb.branches
                  WHERE name LIKE 'branch %' AND clinic_id = $2) AS b,
                (SELECT count(*)::int FROM public.branches WHERE name LIKE 'branch %') AS shared`,
        [a.clinic.id, b.clinic.id],
      );
      return rows[0];
    });
    expect(counts).toEqual({ a: 20, b: 20, shared: 0 });
  });

  it('fails closed when its SQL reaches Postgres with no schema clinic bound', async () => {
    const pool = createBindingPool({ connectionString: database.appUrl, max: 1 });
    const placeholder = `SELECT count(*)::int AS n FROM "${CLINIC_SCHEMA_PLACEHOLDER}".users`;
    try {
      const missing = /relation "eventora_clinic_schema.users" does not exist/;
      await expect(pool.query(placeholder)).rejects.toThrow(missing);
      await expect(runWithClinic(shared.clinic, () => pool.query(placeholder))).rejects.toThrow(
        missing,
      );
      // Through the schema clinics' client, bound to a shared clinic: refused the same way.
      await expect(
        runWithClinic(shared.clinic, () => a.db.user.findMany({ select: { id: true } })),
      ).rejects.toThrow(/does not exist/);
      // Bound to a schema clinic, the qualifier (and only the exact quoted qualifier) is its schema.
      const bound = await runWithClinic(a.clinic, () =>
        pool.query(
          `SELECT 'eventora_clinic_schema.users' AS name,
                  (SELECT count(*)::int FROM "${CLINIC_SCHEMA_PLACEHOLDER}".users
                    WHERE email = 'client@onea.test') AS n`,
        ),
      );
      expect(bound.rows).toEqual([{ name: 'eventora_clinic_schema.users', n: 1 }]);
    } finally {
      await pool.end();
    }
  });
});

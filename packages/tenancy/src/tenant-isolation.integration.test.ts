import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createBindingPool } from './client/binding-pool';
import { tenantClientOnPool } from './client/tenant-client';
import { runWithClinic } from './context/tenant-context';
import { isTenancyError } from './errors';
import { TenantRouter } from './router/tenant-router';
import {
  createClinicFixture,
  createTestDatabase,
  type ClinicFixture,
  type TestDatabase,
} from './testing';

/**
 * Clinic A must never see or change clinic B's data: checked through the tenant client (the
 * app layer) and with raw SQL as the runtime role (the database layer, RLS), for clinics in
 * the shared schema and for clinics in schemas of their own.
 */
describe.each(['shared', 'schema'] as const)('isolation between two %s-mode clinics', (mode) => {
  let database: TestDatabase;
  let router: TenantRouter;
  let a: ClinicFixture;
  let b: ClinicFixture;

  beforeAll(async () => {
    database = await createTestDatabase();
    router = new TenantRouter({ connectionString: database.appUrl, connectionBudget: 8 });
    a = await createClinicFixture(database, router, { slug: `a${mode}`, mode });
    b = await createClinicFixture(database, router, { slug: `b${mode}`, mode });
  });

  afterAll(async () => {
    await router?.close();
    await database?.drop();
  });

  /** Runs `work` as clinic A through A's tenant client. */
  const asA = <T>(work: (db: ClinicFixture['db']) => Promise<T>) =>
    runWithClinic(a.clinic, () => work(a.db));

  /** Raw SQL on one connection of the runtime role, with `clinicId` bound the way the pool binds it. */
  async function rawAsRuntime<T>(
    clinicId: string | null,
    work: (sql: pg.Client) => Promise<T>,
  ): Promise<T> {
    const sql = new pg.Client({ connectionString: database.appUrl });
    await sql.connect();
    try {
      const schema = a.clinic.mode === 'schema' ? a.clinic.schemaName : 'public';
      await sql.query(`SET search_path TO ${sql.escapeIdentifier(schema!)}, public`);
      await sql.query('BEGIN');
      if (clinicId)
        await sql.query("SELECT set_config('app.current_tenant', $1, true)", [clinicId]);
      const result = await work(sql);
      await sql.query('COMMIT');
      return result;
    } finally {
      await sql.end();
    }
  }

  async function countB(table: string): Promise<number> {
    return runWithClinic(b.clinic, async () => {
      const rows = await b.db.$queryRawUnsafe<{ n: bigint }[]>(
        `SELECT count(*) AS n FROM ${table}`,
      );
      return Number(rows[0]!.n);
    });
  }

  it('reads, counts and aggregates return only the bound clinic’s rows', async () => {
    await asA(async (db) => {
      const users = await db.user.findMany({ select: { clinicId: true, email: true } });
      expect(users).toEqual([{ clinicId: a.clinic.id, email: `client@a${mode}.test` }]);
      expect(await db.reservation.count()).toBe(1);
      const credits = await db.userPackage.aggregate({ _sum: { creditsLeft: true } });
      expect(credits._sum.creditsLeft).toBe(5);
      const byClinic = await db.reservation.groupBy({ by: ['clinicId'], _count: true });
      expect(byClinic).toEqual([{ clinicId: a.clinic.id, _count: 1 }]);
    });
  });

  it('another clinic’s row looks exactly like a row that does not exist', async () => {
    await asA(async (db) => {
      expect(await db.reservation.findFirst({ where: { id: b.ids.reservation } })).toBeNull();
      expect(
        await db.reservation.findUnique({
          where: { clinicId_id: { clinicId: a.clinic.id, id: b.ids.reservation } },
        }),
      ).toBeNull();
      await expect(
        db.user.findUniqueOrThrow({
          where: { clinicId_id: { clinicId: a.clinic.id, id: b.ids.client } },
        }),
      ).rejects.toMatchObject({ code: 'P2025' });
    });
  });

  it('updating or deleting by another clinic’s id changes nothing and reports not found', async () => {
    await asA(async (db) => {
      const updated = await db.reservation.updateMany({
        where: { id: b.ids.reservation },
        data: { notes: 'hacked' },
      });
      expect(updated.count).toBe(0);
      const deleted = await db.userPackage.deleteMany({ where: { id: b.ids.userPackage } });
      expect(deleted.count).toBe(0);
      await expect(
        db.branch.update({
          where: { clinicId_id: { clinicId: a.clinic.id, id: b.ids.branch } },
          data: { name: 'x' },
        }),
      ).rejects.toMatchObject({ code: 'P2025' });
    });
    await runWithClinic(b.clinic, async () => {
      const reservation = await b.db.reservation.findFirstOrThrow({
        where: { id: b.ids.reservation },
      });
      expect(reservation.notes).toBeNull();
      expect(await b.db.userPackage.count()).toBe(1);
    });
  });

  it('the tenant client rejects a write naming another clinic instead of rewriting it', async () => {
    await asA(async (db) => {
      const attempts = [
        () =>
          db.user.create({ data: { clinicId: b.clinic.id, email: 'intruder@x.test', name: 'I' } }),
        () =>
          db.reservation.updateMany({
            where: { id: a.ids.reservation },
            data: { clinicId: b.clinic.id },
          }),
        () => db.user.findMany({ where: { clinicId: { in: [a.clinic.id, b.clinic.id] } } }),
        () =>
          db.branch.update({
            where: { clinicId_id: { clinicId: b.clinic.id, id: b.ids.branch } },
            data: { name: 'x' },
          }),
      ];
      for (const attempt of attempts) {
        await expect(attempt()).rejects.toSatisfy((error) => isTenancyError(error, 'CROSS_TENANT'));
      }
    });
    expect(await countB('users')).toBe(1);
  });

  it('with the extension bypassed, RLS still refuses inserting for another clinic or moving a row to it', async () => {
    await expect(
      rawAsRuntime(a.clinic.id, (sql) =>
        sql.query(
          "INSERT INTO users (clinic_id, id, email, name) VALUES ($1, gen_random_uuid(), 'raw@x.test', 'raw')",
          [b.clinic.id],
        ),
      ),
    ).rejects.toThrow(/row-level security/);
    await expect(
      rawAsRuntime(a.clinic.id, (sql) =>
        sql.query('UPDATE users SET clinic_id = $1', [b.clinic.id]),
      ),
    ).rejects.toThrow(/row-level security/);
    expect(await countB('users')).toBe(1);
    await asA(async (db) => expect(await db.user.count()).toBe(1));
  });

  it('a foreign key to another clinic’s row is rejected', async () => {
    await asA(async (db) => {
      await expect(
        db.reservation.create({
          data: {
            clinicId: a.clinic.id,
            clientId: a.ids.client,
            therapistId: b.ids.therapist,
            branchId: a.ids.branch,
            startsAt: new Date('2030-02-01T15:00:00Z'),
            endsAt: new Date('2030-02-01T16:00:00Z'),
          },
        }),
      ).rejects.toMatchObject({ code: 'P2003' });
      expect(await db.reservation.count()).toBe(1);
    });
  });

  it('with no clinic bound the tenant client throws and raw SQL sees nothing, on fresh and reused connections', async () => {
    await expect(a.db.user.findMany()).rejects.toSatisfy((error) =>
      isTenancyError(error, 'TENANT_NOT_BOUND'),
    );
    await expect(a.db.$queryRaw`SELECT 1`).rejects.toSatisfy((error) =>
      isTenancyError(error, 'TENANT_NOT_BOUND'),
    );
    const sql = new pg.Client({ connectionString: database.appUrl });
    await sql.connect();
    try {
      const schema = a.clinic.schemaName ?? 'public';
      const users = `${sql.escapeIdentifier(schema)}.users`;
      expect((await sql.query(`SELECT count(*)::int AS n FROM ${users}`)).rows[0].n).toBe(0);
      await sql.query('BEGIN');
      await sql.query("SELECT set_config('app.current_tenant', $1, true)", [a.clinic.id]);
      expect((await sql.query(`SELECT count(*)::int AS n FROM ${users}`)).rows[0].n).toBe(1);
      await sql.query('COMMIT');
      // The same connection after the transaction: the binding is gone ('' now, not NULL).
      expect((await sql.query(`SELECT count(*)::int AS n FROM ${users}`)).rows[0].n).toBe(0);
    } finally {
      await sql.end();
    }
  });

  it('set_config injected through a raw query cannot widen access, nor outlive its unit of work', async () => {
    // One connection, so every statement below reuses the one the injection ran on.
    const pool = createBindingPool({ connectionString: database.appUrl, max: 1 });
    const db = tenantClientOnPool(pool, {
      schema: a.clinic.schemaName ?? undefined,
      ownsPool: false,
    });
    try {
      await runWithClinic(a.clinic, async () => {
        await db.$executeRawUnsafe(
          `SELECT set_config('app.current_tenant', '${b.clinic.id}', false)`,
        );
        expect(await db.user.findMany({ select: { clinicId: true } })).toEqual([
          { clinicId: a.clinic.id },
        ]);
        const inTransaction = await db.$transaction(async (tx) => {
          await tx.$executeRawUnsafe(
            `SELECT set_config('app.current_tenant', '${b.clinic.id}', true)`,
          );
          return tx.$queryRawUnsafe<{ clinic_id: string }[]>('SELECT clinic_id FROM users');
        });
        expect(inTransaction).toEqual([{ clinic_id: a.clinic.id }]);
      });
      // The session-level value B is still on that connection; an unbound statement ignores it.
      const users = `${a.clinic.schemaName ?? 'public'}.users`;
      const unbound = await pool.query(`SELECT count(*)::int AS n FROM ${users}`);
      expect(unbound.rows[0].n).toBe(0);
    } finally {
      await db.$disconnect();
      await pool.end();
    }
  });

  it('a rolled-back transaction leaves nothing behind', async () => {
    await asA(async (db) => {
      await expect(
        db.$transaction(async (tx) => {
          await tx.branch.create({
            data: { clinicId: a.clinic.id, name: 'doomed', timezone: 'UTC' },
          });
          await tx.user.create({
            data: { clinicId: a.clinic.id, email: 'doomed@x.test', name: 'd' },
          });
          throw new Error('changed my mind');
        }),
      ).rejects.toThrow('changed my mind');
      expect(await db.branch.count()).toBe(1);
      expect(await db.user.count()).toBe(1);
    });
  });

  it.each([1, 10])(
    '1,000 interleaved operations of A and B on a pool of %i never see each other’s rows',
    async (size) => {
      const pool = createBindingPool({ connectionString: database.appUrl, max: size });
      const clients = new Map(
        [a, b].map((fixture) => [
          fixture,
          tenantClientOnPool(pool, {
            schema: fixture.clinic.schemaName ?? undefined,
            ownsPool: false,
          }),
        ]),
      );
      try {
        const seen = await Promise.all(
          Array.from({ length: 1000 }, (_, i) => {
            const fixture = i % 2 === 0 ? a : b;
            const db = clients.get(fixture)!;
            return runWithClinic(fixture.clinic, async () => {
              const rows =
                i % 4 === 0
                  ? await db.user.findMany({ select: { clinicId: true } })
                  : i % 4 === 1
                    ? await db.reservation.findMany({ select: { clinicId: true } })
                    : i % 4 === 2
                      ? [
                          await db.therapist.findUniqueOrThrow({
                            where: {
                              clinicId_id: {
                                clinicId: fixture.clinic.id,
                                id: fixture.ids.therapist,
                              },
                            },
                            select: { clinicId: true },
                          }),
                        ]
                      : await db.$queryRawUnsafe<{ clinicId: string }[]>(
                          'SELECT clinic_id AS "clinicId" FROM branches',
                        );
              return rows.length > 0 && rows.every((row) => row.clinicId === fixture.clinic.id);
            });
          }),
        );
        expect(seen.filter((ok) => !ok)).toEqual([]);
      } finally {
        await Promise.all([...clients.values()].map((db) => db.$disconnect()));
        await pool.end();
      }
    },
  );
});

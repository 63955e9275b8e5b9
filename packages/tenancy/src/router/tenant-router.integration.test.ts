import { createHash } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrationsDir } from '@eventora/db/migrations';

import { isTenancyError } from '../errors';
import { loadMigrations, type Migration } from '../migrations';
import { databaseUrlResolver } from '../provisioning/database-url';
import { runWithClinic } from '../context/tenant-context';
import { ensureClinicRole } from '../provisioning/clinic-role';
import { discardClinic, provisionClinic } from '../provisioning/provision-clinic';
import { createTestDatabase, type TestDatabase } from '../testing';
import { withClient } from '../with-client';
import type { TenantClient } from '../client/tenant-client';
import { TenantRouter } from './tenant-router';

describe('the tenant router', () => {
  let database: TestDatabase;
  let migrations: Migration[];
  let owner: pg.Client;

  const provision = (
    slug: string,
    mode: 'shared' | 'schema' | 'database',
    extra: Migration[] = [],
  ) =>
    provisionClinic(
      { slug, name: `Clinic ${slug}`, mode },
      {
        ownerUrl: database.ownerUrl,
        migrations: [...migrations, ...extra],
        // Named after the test database, so the harness drops it with the run's leftovers.
        databaseName: (clinicSlug) => `${database.name}_${clinicSlug}`,
      },
    );

  const newRouter = (options: Partial<ConstructorParameters<typeof TenantRouter>[0]> = {}) =>
    new TenantRouter({
      connectionString: database.appUrl,
      resolveDatabaseUrl: databaseUrlResolver(database.appUrl, {}),
      ...options,
    });

  /** Adds a user to the clinic through the router and returns its email. */
  const addUser = (router: TenantRouter, slug: string, email: string) =>
    router.withClinic(slug, (db, clinic) =>
      db.user.create({ data: { clinicId: clinic.id, email, name: email } }),
    );

  /** The user each dedicated database clinic is seeded with. */
  const seeded: Record<string, string> = {
    'db-one': 'owner@db-one.test',
    'db-two': 'two@db.test',
    'db-three': 'three@db.test',
  };

  const emails = (router: TenantRouter, slug: string) =>
    router.withClinic(slug, async (db) =>
      (await db.user.findMany({ select: { email: true } })).map((u) => u.email),
    );

  beforeAll(async () => {
    database = await createTestDatabase();
    migrations = await loadMigrations(migrationsDir);
    owner = new pg.Client({ connectionString: database.ownerUrl });
    await owner.connect();
  });

  afterAll(async () => {
    await owner?.end();
    await database?.drop();
  });

  it('routes shared, schema and database clinics to where their rows live', async () => {
    await provision('shared-one', 'shared');
    await provision('schema-one', 'schema');
    await provision('db-one', 'database');
    const router = newRouter();
    try {
      for (const slug of ['shared-one', 'schema-one', 'db-one'])
        await addUser(router, slug, `owner@${slug}.test`);

      const counts = await router.withClinic(
        'schema-one',
        async (db) =>
          db.$queryRaw<{ here: number; shared: number }[]>`
          SELECT (SELECT count(*)::int FROM users) AS here, (SELECT count(*)::int FROM public.users) AS shared`,
      );
      expect(counts).toEqual([{ here: 1, shared: 0 }]);

      const otherDatabase = new pg.Client({
        connectionString: `${database.appUrl.replace(/\/[^/]+$/, '')}/${database.name}_db-one`,
      });
      await otherDatabase.connect();
      try {
        await otherDatabase.query('BEGIN');
        const { id } = (await router.resolve('db-one')).clinic;
        await otherDatabase.query("SELECT set_config('app.current_tenant', $1, true)", [id]);
        const rows = await otherDatabase.query('SELECT email FROM users');
        expect(rows.rows).toEqual([{ email: 'owner@db-one.test' }]);
        await otherDatabase.query('COMMIT');
      } finally {
        await otherDatabase.end();
      }
      expect(await emails(router, 'shared-one')).toEqual(['owner@shared-one.test']);
    } finally {
      await router.close();
    }
  });

  it('answers unknown and suspended clinics alike, by slug or id', async () => {
    const router = newRouter();
    try {
      const { clinic } = await router.resolve('shared-one');
      expect((await router.resolve(clinic.id)).clinic.slug).toBe('shared-one');
      await owner.query("UPDATE clinics SET status = 'suspended' WHERE slug = 'shared-one'");
      const failures = await Promise.all(
        ['shared-one', clinic.id, 'no-such-clinic', '00000000-0000-4000-8000-000000000000'].map(
          (key) =>
            router.resolve(key).then(
              () => 'resolved',
              (error: unknown) =>
                isTenancyError(error, 'CLINIC_NOT_FOUND') ? error.message : String(error),
            ),
        ),
      );
      expect(new Set(failures)).toEqual(new Set(['No such clinic.']));
    } finally {
      await owner.query("UPDATE clinics SET status = 'active' WHERE slug = 'shared-one'");
      await router.close();
    }
  });

  it('a routing flip takes effect on the next unit of work', async () => {
    const router = newRouter();
    try {
      await provision('flipper', 'schema');
      await addUser(router, 'flipper', 'before@flip.test');
      // Operators repoint the clinic at the shared schema (as a finished move would), bumping the version.
      await owner.query(
        "UPDATE clinics SET mode = 'shared', schema_name = NULL, routing_version = routing_version + 1 WHERE slug = 'flipper'",
      );
      await addUser(router, 'flipper', 'after@flip.test');
      expect(await emails(router, 'flipper')).toEqual(['after@flip.test']);
      const { rows } = await owner.query('SELECT count(*)::int AS n FROM clinic_flipper.users');
      expect(rows[0].n).toBe(0); // unbound owner sees nothing; the row is there, out of this route
      // And back to its schema (the rows there never left): the next unit of work reads them.
      await owner.query(
        "UPDATE clinics SET mode = 'schema', schema_name = 'clinic_flipper', routing_version = routing_version + 1 WHERE slug = 'flipper'",
      );
      expect(await emails(router, 'flipper')).toEqual(['before@flip.test']);
    } finally {
      await router.close();
    }
  });

  it('replaces a connection once it has served recycleAfterUses units of work', async () => {
    const backends = async (router: TenantRouter) => {
      const pids = new Set<number>();
      for (let i = 0; i < 6; i++) {
        const [row] = await router.withClinic(
          'schema-one',
          (db) => db.$queryRaw<{ pid: number }[]>`SELECT pg_backend_pid() AS pid`,
        );
        pids.add(row!.pid);
      }
      return pids.size;
    };
    // One shared connection; every resolve and query is a unit of work on it.
    const recycling = newRouter({ sharedConnections: 1, recycleAfterUses: 3 });
    const keeping = newRouter({ sharedConnections: 1 });
    try {
      expect(await backends(recycling)).toBeGreaterThanOrEqual(4);
      expect(await backends(keeping)).toBe(1);
    } finally {
      await recycling.close();
      await keeping.close();
    }
  });

  it('keeps dedicated databases within its budget, closing other clinics’ idle connections least recently used first', async () => {
    await provision('db-two', 'database');
    await provision('db-three', 'database');
    const seeding = newRouter();
    await addUser(seeding, 'db-two', 'two@db.test');
    await addUser(seeding, 'db-three', 'three@db.test');
    await seeding.close();
    // Budget 4: 2 for the shared database, 2 for all dedicated databases, 1 per database.
    const router = newRouter({
      connectionBudget: 4,
      sharedConnections: 2,
      connectionsPerDatabase: 1,
    });
    try {
      for (const slug of ['db-one', 'db-two', 'db-three', 'db-one', 'db-two', 'db-two']) {
        expect(await emails(router, slug)).toEqual([seeded[slug]]);
        expect(router.stats().connections).toBeLessThanOrEqual(router.stats().maxConnections);
      }
      // db-three took db-one's idle connection, db-one db-two's, db-two db-three's; the last
      // db-two reused its own.
      expect(router.stats().evictions).toEqual({ databaseConnections: 3 });
      expect(router.stats().databasePools).toBe(2);
    } finally {
      await router.close();
    }
    // With every dedicated connection busy, another clinic's unit of work waits, then is refused.
    const capped = newRouter({
      connectionBudget: 3,
      sharedConnections: 2,
      connectionsPerDatabase: 1,
      connectionWaitMs: 200,
    });
    try {
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      const busy = capped.withClinic('db-one', (db) =>
        db.$transaction(
          async (tx) => {
            await tx.user.count();
            await held;
          },
          { timeout: 10_000 },
        ),
      );
      await new Promise((resolve) => setTimeout(resolve, 200));
      const attempts: ((db: TenantClient) => Promise<unknown>)[] = [
        (db) => db.user.findMany(),
        (db) => db.$transaction(async (tx) => tx.user.count()),
      ];
      for (const attempt of attempts)
        await expect(capped.withClinic('db-two', attempt)).rejects.toSatisfy((error) =>
          isTenancyError(error, 'ROUTER_AT_CAPACITY'),
        );
      release();
      await busy;
      expect(await emails(capped, 'db-two')).toEqual([seeded['db-two']]);
    } finally {
      await capped.close();
    }
  });

  it('runs interleaved units of work and transactions of database clinics each on its own database', async () => {
    const router = newRouter({
      connectionBudget: 4,
      sharedConnections: 2,
      connectionsPerDatabase: 1,
    });
    try {
      const runs = await Promise.all(
        Array.from({ length: 12 }, (_, i) => {
          const slug = ['db-one', 'db-two', 'db-three'][i % 3]!;
          return router.withClinic(slug, async (db, clinic) => {
            const email = `tx${i}@${slug}.test`;
            const inside = await db.$transaction(async (tx) => {
              await tx.user.create({ data: { clinicId: clinic.id, email, name: email } });
              await new Promise((resolve) => setTimeout(resolve, 20));
              return (await tx.user.findMany({ select: { email: true } })).map((u) => u.email);
            });
            if (i % 4 === 0) {
              // A rolled-back transaction leaves nothing behind, whoever ran in between.
              await db
                .$transaction(async (tx) => {
                  await tx.user.create({
                    data: { clinicId: clinic.id, email: `gone${i}@${slug}.test`, name: 'gone' },
                  });
                  throw new Error('abandon');
                })
                .catch(() => undefined);
            }
            return { slug, inside };
          });
        }),
      );
      for (const { slug, inside } of runs)
        expect(inside.filter((email) => !email.endsWith(`@${slug}.test`))).toEqual(
          slug === 'db-one' ? [] : [seeded[slug]],
        );
      for (const slug of ['db-one', 'db-two', 'db-three']) {
        const seen = await emails(router, slug);
        expect(seen.filter((email) => email.startsWith('tx'))).toHaveLength(4);
        expect(seen.some((email) => email.startsWith('gone'))).toBe(false);
      }
    } finally {
      await router.close();
    }
  });

  it('a database clinic rerouted mid-run: bound units of work fail closed, the next ones reach the new database', async () => {
    await provision('db-mover', 'database');
    const router = newRouter();
    try {
      await addUser(router, 'db-mover', 'old@mover.test');
      const { clinic, db } = await router.resolve('db-mover');
      // The registry repoints the clinic at db-two's database (a move's flip; no rows copied here).
      await owner.query(
        `UPDATE clinics SET database_url_ref = $1, routing_version = routing_version + 1 WHERE slug = 'db-mover'`,
        [`database:${database.name}_db-two`],
      );
      expect((await router.resolve('db-mover')).clinic.routingVersion).toBe(
        clinic.routingVersion + 1,
      );
      // A unit of work still bound at the old version, after the router has seen the new one.
      const outcome = await runWithClinic(clinic, () =>
        db.user.findMany().then(
          () => 'ran',
          (error: unknown) => (isTenancyError(error) ? error.code : String(error)),
        ),
      );
      expect(outcome).toBe('CLINIC_NOT_FOUND');
      await addUser(router, 'db-mover', 'new@mover.test');
      expect(await emails(router, 'db-mover')).toEqual(['new@mover.test']);
    } finally {
      await router.close();
    }
  });

  it('reaches a database clinic as its own login role when its secret names one', async () => {
    const group = `eventora_clinic_${database.name}`.slice(0, 55);
    await withClient(database.adminUrl, (admin) =>
      ensureClinicRole(admin, {
        role: group,
        database: `${database.name}_db-one`,
        password: 'pw-one',
      }),
    );
    await owner.query("UPDATE clinics SET database_url_ref = 'DB_ONE_URL' WHERE slug = 'db-one'");
    const url = new URL(`${database.appUrl.replace(/\/[^/]+$/, '')}/${database.name}_db-one`);
    url.username = `${group}_a`;
    url.password = 'pw-one';
    const router = newRouter({
      resolveDatabaseUrl: databaseUrlResolver(database.appUrl, { DB_ONE_URL: url.toString() }),
    });
    try {
      const [who] = await router.withClinic(
        'db-one',
        (db) =>
          db.$queryRaw<
            { login: string; acting: string }[]
          >`SELECT session_user AS login, current_user AS acting`,
      );
      expect(who).toEqual({ login: `${group}_a`, acting: 'eventora_app' });
      expect(await emails(router, 'db-one')).toContain('owner@db-one.test');
    } finally {
      await router.close();
      await owner.query("UPDATE clinics SET database_url_ref = $1 WHERE slug = 'db-one'", [
        `database:${database.name}_db-one`,
      ]);
      await withClient(database.adminUrl, async (admin) => {
        for (const role of [`${group}_a`, group]) {
          await admin.query(`DROP OWNED BY ${admin.escapeIdentifier(role)}`);
          await admin.query(`DROP ROLE ${admin.escapeIdentifier(role)}`);
        }
      });
    }
  });

  it('a failed provisioning leaves a closed clinic that a retry completes or a discard removes', async () => {
    const broken: Migration = {
      name: '29991231000000_broken',
      sql: 'SELECT 1/0;',
      checksum: createHash('sha256').update('x').digest('hex'),
    };
    await expect(provision('shaky', 'schema', [broken])).rejects.toThrow();
    const router = newRouter();
    try {
      const state = await owner.query(
        "SELECT status, onboarding->>'state' AS state FROM clinics WHERE slug = 'shaky'",
      );
      expect(state.rows).toEqual([{ status: 'suspended', state: 'failed' }]);
      await expect(router.resolve('shaky')).rejects.toSatisfy((error) =>
        isTenancyError(error, 'CLINIC_NOT_FOUND'),
      );

      await provision('shaky', 'schema');
      await addUser(router, 'shaky', 'first@shaky.test');
      expect(await emails(router, 'shaky')).toEqual(['first@shaky.test']);
      await expect(discardClinic('shaky', { ownerUrl: database.ownerUrl })).rejects.toThrow(
        /in service/,
      );

      await expect(provision('doomed', 'schema', [broken])).rejects.toThrow();
      await discardClinic('doomed', { ownerUrl: database.ownerUrl });
      const left = await owner.query(
        "SELECT (SELECT count(*)::int FROM clinics WHERE slug = 'doomed') AS rows, (SELECT count(*)::int FROM pg_namespace WHERE nspname = 'clinic_doomed') AS schemas",
      );
      expect(left.rows).toEqual([{ rows: 0, schemas: 0 }]);
    } finally {
      await router.close();
    }
  });
});

import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { migrationsDir } from '@eventora/db/migrations';
import { createTestDatabase, type TestDatabase } from '../testing';
import { withClient } from '../with-client';
import { queryRows } from '../testing/with-client';
import { asClinic } from '../schema/two-clinics';
import { checksumOf } from './checksum';
import { loadMigrations, type Migration } from './load-migrations';
import { migrateTarget } from './migrate-target';
import { MigrationError } from './migration-error';
import { migrationStatus } from './migration-status';

const databases: TestDatabase[] = [];
afterAll(() => Promise.all(databases.map((db) => db.drop())));

async function database(options: { migrated?: boolean } = {}): Promise<TestDatabase> {
  const db = await createTestDatabase(options);
  databases.push(db);
  return db;
}

function migration(name: string, sql: string): Migration {
  return { name, sql, checksum: checksumOf(sql) };
}

async function ledger(url: string, schema = 'public') {
  return queryRows<{ migration_name: string; checksum: string }>(
    url,
    `SELECT migration_name, checksum FROM "${schema}"._prisma_migrations ORDER BY started_at`,
  );
}

async function tableExists(url: string, name: string): Promise<boolean> {
  const [row] = await queryRows<{ exists: boolean }>(
    url,
    'SELECT to_regclass($1) IS NOT NULL AS exists',
    [name],
  );
  return row!.exists;
}

describe('migrateTarget', () => {
  it('applies every migration to an empty database, and a second run applies nothing', async () => {
    const db = await database({ migrated: false });
    const migrations = await loadMigrations(migrationsDir);
    const target = { label: 'shared', connectionString: db.ownerUrl };
    const log: string[] = [];

    const first = await migrateTarget(target, migrations, { log: (line) => log.push(line) });
    expect(first).toEqual({
      target: 'shared',
      applied: migrations.map((m) => m.name),
      alreadyApplied: 0,
    });
    expect(log).toEqual(
      migrations.map((m) =>
        expect.stringMatching(`^\\[shared\\] applied ${m.name} \\(\\d+ ms\\)$`),
      ),
    );
    expect(await tableExists(db.ownerUrl, 'public.reservations')).toBe(true);

    const second = await migrateTarget(target, migrations);
    expect(second).toEqual({ target: 'shared', applied: [], alreadyApplied: migrations.length });
    expect(await ledger(db.ownerUrl)).toHaveLength(migrations.length);
  });

  it("keeps its ledger in exactly the shape of Prisma's _prisma_migrations", async () => {
    const db = await database();
    const columns = await queryRows(
      db.ownerUrl,
      `SELECT column_name, data_type, character_maximum_length AS length, is_nullable, column_default
         FROM information_schema.columns
        WHERE table_schema = 'public' AND table_name = '_prisma_migrations' ORDER BY ordinal_position`,
    );
    expect(columns).toEqual([
      {
        column_name: 'id',
        data_type: 'character varying',
        length: 36,
        is_nullable: 'NO',
        column_default: null,
      },
      {
        column_name: 'checksum',
        data_type: 'character varying',
        length: 64,
        is_nullable: 'NO',
        column_default: null,
      },
      {
        column_name: 'finished_at',
        data_type: 'timestamp with time zone',
        length: null,
        is_nullable: 'YES',
        column_default: null,
      },
      {
        column_name: 'migration_name',
        data_type: 'character varying',
        length: 255,
        is_nullable: 'NO',
        column_default: null,
      },
      {
        column_name: 'logs',
        data_type: 'text',
        length: null,
        is_nullable: 'YES',
        column_default: null,
      },
      {
        column_name: 'rolled_back_at',
        data_type: 'timestamp with time zone',
        length: null,
        is_nullable: 'YES',
        column_default: null,
      },
      {
        column_name: 'started_at',
        data_type: 'timestamp with time zone',
        length: null,
        is_nullable: 'NO',
        column_default: 'now()',
      },
      {
        column_name: 'applied_steps_count',
        data_type: 'integer',
        length: null,
        is_nullable: 'NO',
        column_default: '0',
      },
    ]);
    const [primaryKey] = await queryRows(
      db.ownerUrl,
      `SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint
        WHERE conrelid = 'public._prisma_migrations'::regclass AND contype = 'p'`,
    );
    expect(primaryKey).toEqual({ def: 'PRIMARY KEY (id)' });

    const migrations = await loadMigrations(migrationsDir);
    const rows = await queryRows<{ started_at: Date; finished_at: Date }>(
      db.ownerUrl,
      'SELECT * FROM _prisma_migrations ORDER BY started_at',
    );
    expect(rows).toEqual(
      migrations.map((m) => ({
        id: expect.stringMatching(
          /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
        ),
        checksum: m.checksum,
        finished_at: expect.any(Date),
        migration_name: m.name,
        logs: null,
        rolled_back_at: null,
        started_at: expect.any(Date),
        applied_steps_count: 1,
      })),
    );
    for (const row of rows) expect(row.finished_at >= row.started_at).toBe(true);
  });

  it('gives a clinic schema its own tables, ledger and row level security', async () => {
    const db = await database();
    const migrations = await loadMigrations(migrationsDir);
    const report = await migrateTarget(
      { label: 'clinic test', connectionString: db.ownerUrl, schema: 'clinic_test' },
      migrations,
    );
    expect(report.applied).toEqual(migrations.map((m) => m.name));

    expect(await ledger(db.ownerUrl, 'clinic_test')).toHaveLength(migrations.length);
    expect(await ledger(db.ownerUrl, 'public')).toHaveLength(migrations.length);
    const tables = await queryRows<{ tablename: string; forced: boolean }>(
      db.ownerUrl,
      `SELECT c.relname AS tablename, c.relforcerowsecurity AS forced FROM pg_class c
        WHERE c.relnamespace = 'clinic_test'::regnamespace AND c.relkind = 'r' ORDER BY 1`,
    );
    expect(tables).toEqual(
      expect.arrayContaining([
        { tablename: '_prisma_migrations', forced: false },
        { tablename: 'clinics', forced: false },
        { tablename: 'reservations', forced: true },
        { tablename: 'users', forced: true },
      ]),
    );
    const policies = await queryRows(
      db.ownerUrl,
      "SELECT policyname, permissive FROM pg_policies WHERE schemaname = 'clinic_test' AND tablename = 'users' ORDER BY 1",
    );
    expect(policies).toEqual([
      { policyname: 'tenant_access', permissive: 'PERMISSIVE' },
      { policyname: 'tenant_isolation', permissive: 'RESTRICTIVE' },
    ]);

    // What the runtime role sees in that schema: only the bound clinic's rows.
    const clinicA = randomUUID();
    const clinicB = randomUUID();
    await withClient(db.ownerUrl, (owner) =>
      asClinic(owner, clinicA, () =>
        owner.query(
          "INSERT INTO clinic_test.users (clinic_id, id, email, name) VALUES ($1, gen_random_uuid(), 'a@a.test', 'A')",
          [clinicA],
        ),
      ),
    );
    await withClient(db.appUrl, async (app) => {
      const count = 'SELECT count(*)::int AS n FROM clinic_test.users';
      expect((await app.query(count)).rows).toEqual([{ n: 0 }]);
      expect((await asClinic(app, clinicB, () => app.query(count))).rows).toEqual([{ n: 0 }]);
      expect((await asClinic(app, clinicA, () => app.query(count))).rows).toEqual([{ n: 1 }]);
    });
  });

  it('keeps extensions in public, so dropping a clinic schema migrated first leaves the shared tables whole', async () => {
    const db = await database({ migrated: false });
    const migrations = await loadMigrations(migrationsDir);
    await migrateTarget(
      { label: 'first', connectionString: db.ownerUrl, schema: 'clinic_first' },
      migrations,
    );
    await migrateTarget({ label: 'shared', connectionString: db.ownerUrl }, migrations);

    await queryRows(db.ownerUrl, 'DROP SCHEMA clinic_first CASCADE');
    const constraints = await queryRows(
      db.ownerUrl,
      "SELECT conname FROM pg_constraint WHERE conrelid = 'public.reservations'::regclass AND contype = 'x'",
    );
    expect(constraints).toEqual([{ conname: 'reservations_no_therapist_overlap' }]);
  });

  it('runs each file whole, so dollar-quoted bodies and DO blocks with semicolons work', async () => {
    const db = await database({ migrated: false });
    const sql = `
      CREATE FUNCTION twice(x int) RETURNS int LANGUAGE plpgsql AS $body$
      BEGIN
        RETURN x * 2; -- a semicolon inside a body
      END;
      $body$;
      DO $$ BEGIN EXECUTE 'CREATE TABLE made_in_do (id int)'; END $$;
    `;
    await migrateTarget({ label: 'plain', connectionString: db.ownerUrl, schema: 'clinic_plain' }, [
      migration('20260101000000_bodies', sql),
    ]);
    const [row] = await queryRows(db.ownerUrl, 'SELECT clinic_plain.twice(21) AS answer');
    expect(row).toEqual({ answer: 42 });
    expect(await tableExists(db.ownerUrl, 'clinic_plain.made_in_do')).toBe(true);
  });

  it('refuses an applied migration whose file changed, naming it, and applies nothing else', async () => {
    const db = await database({ migrated: false });
    const target = { label: 'edited', connectionString: db.ownerUrl, schema: 'clinic_edited' };
    await migrateTarget(target, [
      migration('20260101000000_first', 'CREATE TABLE first (id int);'),
    ]);

    const edited = [
      migration('20260101000000_first', 'CREATE TABLE first (id bigint);'),
      migration('20260102000000_second', 'CREATE TABLE second (id int);'),
    ];
    const run = migrateTarget(target, edited);
    await expect(run).rejects.toBeInstanceOf(MigrationError);
    await expect(run).rejects.toMatchObject({
      code: 'CHECKSUM_MISMATCH',
      target: 'edited',
      migration: '20260101000000_first',
      message: expect.stringContaining('20260101000000_first changed after being applied'),
    });
    expect(await tableExists(db.ownerUrl, 'clinic_edited.second')).toBe(false);
    expect((await ledger(db.ownerUrl, 'clinic_edited')).map((row) => row.migration_name)).toEqual([
      '20260101000000_first',
    ]);
    expect(await migrationStatus(target, edited)).toEqual({
      target: 'edited',
      applied: [],
      pending: ['20260102000000_second'],
      modified: ['20260101000000_first'],
      unknown: [],
    });
  });

  it('applies each migration exactly once when two runners start at the same time', async () => {
    const db = await database({ migrated: false });
    const target = { label: 'raced', connectionString: db.ownerUrl, schema: 'clinic_raced' };
    const migrations = [
      // Slow enough that the second runner arrives while the first still holds the lock.
      migration('20260101000000_slow', 'CREATE TABLE slow (id int); SELECT pg_sleep(0.5);'),
      migration(
        '20260102000000_counter',
        'CREATE TABLE counter (n int); INSERT INTO counter VALUES (1);',
      ),
    ];
    const reports = await Promise.all([
      migrateTarget(target, migrations),
      migrateTarget(target, migrations),
    ]);

    expect(reports.flatMap((report) => report.applied).sort()).toEqual(
      migrations.map((m) => m.name),
    );
    expect(reports.map((report) => report.alreadyApplied).sort()).toEqual([0, 2]);
    expect(await ledger(db.ownerUrl, 'clinic_raced')).toHaveLength(2);
    expect(await queryRows(db.ownerUrl, 'SELECT n FROM clinic_raced.counter')).toEqual([{ n: 1 }]);
  });

  it('rolls a failing migration back completely, and applies the fixed file on the next run', async () => {
    const db = await database({ migrated: false });
    const target = { label: 'flaky', connectionString: db.ownerUrl, schema: 'clinic_flaky' };
    const first = migration('20260101000000_first', 'CREATE TABLE first (id int);');
    const broken = migration(
      '20260102000000_second',
      'CREATE TABLE half_done (id int);\nINSERT INTO half_done VALUES (1);\nSELECT 1 / 0;',
    );
    const run = migrateTarget(target, [first, broken]);
    await expect(run).rejects.toMatchObject({
      code: 'FAILED',
      target: 'flaky',
      migration: '20260102000000_second',
      message: expect.stringMatching(
        /20260102000000_second failed on target flaky .*division by zero/,
      ),
    });
    // The migration before it stays applied; nothing of the failed one is left behind.
    expect((await ledger(db.ownerUrl, 'clinic_flaky')).map((row) => row.migration_name)).toEqual([
      '20260101000000_first',
    ]);
    expect(await tableExists(db.ownerUrl, 'clinic_flaky.first')).toBe(true);
    expect(await tableExists(db.ownerUrl, 'clinic_flaky.half_done')).toBe(false);

    const fixed = migration('20260102000000_second', 'CREATE TABLE half_done (id int);');
    expect(await migrateTarget(target, [first, fixed])).toEqual({
      target: 'flaky',
      applied: ['20260102000000_second'],
      alreadyApplied: 1,
    });
    expect(await ledger(db.ownerUrl, 'clinic_flaky')).toEqual([
      { migration_name: '20260101000000_first', checksum: first.checksum },
      { migration_name: '20260102000000_second', checksum: fixed.checksum },
    ]);
  });

  it('points at the line of migration.sql where a syntax error is', async () => {
    const db = await database({ migrated: false });
    const run = migrateTarget({ label: 'typo', connectionString: db.ownerUrl }, [
      migration(
        '20260101000000_typo',
        'CREATE TABLE fine (id int);\n\nCREATE TABEL oops (id int);',
      ),
    ]);
    await expect(run).rejects.toMatchObject({
      message: expect.stringMatching(
        /20260101000000_typo .*syntax error.*\(migration\.sql line 3\)/,
      ),
    });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrationsDir } from '@eventora/db/migrations';
import { loadMigrations, migrateTarget } from '../migrations';
import { asClinic, SEEDED_TABLES, seedTwoClinics, type SeededClinic } from '../schema/two-clinics';
import { createTestDatabase, type TestDatabase } from '../testing';
import { withClient } from '../with-client';
import { queryRows } from '../testing/with-client';
import { clinicFingerprint, fingerprintDifferences } from './clinic-fingerprint';
import { listTenantTables } from './list-tenant-tables';

let db: TestDatabase;
let a: SeededClinic;
let b: SeededClinic;

beforeAll(async () => {
  db = await createTestDatabase();
  ({ a, b } = await seedTwoClinics(db.ownerUrl));
  await migrateTarget(
    { label: 'clinic_copy', connectionString: db.ownerUrl, schema: 'clinic_copy' },
    await loadMigrations(migrationsDir),
  );
});
afterAll(() => db?.drop());

/** Copies clinic A's rows into the schema clinic_copy, parents first, as the owner. */
async function copyClinicA(): Promise<void> {
  await withClient(db.ownerUrl, async (owner) => {
    const tables = await listTenantTables(owner, 'public');
    // Verbatim: with triggers on, the audit chain's trigger would re-date the copied entries.
    await owner.query('SET session_replication_role = replica');
    await asClinic(owner, a.id, async () => {
      // Verbatim, as a move copies: the audit triggers would re-date, re-salt and re-chain entries.
      await owner.query('SET LOCAL session_replication_role = replica');
      for (const table of tables) {
        await owner.query(
          // Through JSON: each schema has its own enum types.
          `INSERT INTO clinic_copy.${table.name}
           SELECT (json_populate_record(null::clinic_copy.${table.name}, to_json(s))).*
             FROM public.${table.name} s WHERE clinic_id = $1`,
          [a.id],
        );
      }
    });
  });
}

describe('listTenantTables', () => {
  it('finds every table with clinic_id, and only those, parents before children', async () => {
    const tables = await withClient(db.ownerUrl, (owner) => listTenantTables(owner));
    const names = tables.map((table) => table.name);
    expect([...names].sort()).toEqual([...SEEDED_TABLES].sort());
    for (const table of tables) {
      for (const parent of table.references) {
        expect(names.indexOf(parent), `${parent} before ${table.name}`).toBeLessThan(
          names.indexOf(table.name),
        );
      }
    }
    const reservations = tables.find((table) => table.name === 'reservations')!;
    expect(reservations.primaryKey).toEqual(['clinic_id', 'id']);
    expect(reservations.references).toEqual([
      'branches',
      'reservation_series',
      'services',
      'therapists',
      'user_packages',
      'users',
    ]);
  });

  it('reads the same list from a clinic schema and as the runtime role', async () => {
    const shared = await withClient(db.ownerUrl, (owner) => listTenantTables(owner));
    const schema = await withClient(db.ownerUrl, (owner) => listTenantTables(owner, 'clinic_copy'));
    const asRuntime = await withClient(db.appUrl, (app) => listTenantTables(app));
    expect(schema).toEqual(shared);
    expect(asRuntime).toEqual(shared);
  });

  it('follows a migration that adds a tenant table, and refuses one without a primary key or a cycle', async () => {
    await queryRows(
      db.ownerUrl,
      `CREATE SCHEMA scratch;
       CREATE TABLE scratch.parent (clinic_id uuid, id int, PRIMARY KEY (clinic_id, id));
       CREATE TABLE scratch.child (clinic_id uuid, id int, parent_id int, PRIMARY KEY (clinic_id, id),
         FOREIGN KEY (clinic_id, parent_id) REFERENCES scratch.parent);
       CREATE TABLE scratch.not_tenant (id int PRIMARY KEY);`,
    );
    const tables = await withClient(db.ownerUrl, (owner) => listTenantTables(owner, 'scratch'));
    expect(tables.map((table) => table.name)).toEqual(['parent', 'child']);

    await queryRows(db.ownerUrl, 'CREATE TABLE scratch.keyless (clinic_id uuid)');
    await expect(
      withClient(db.ownerUrl, (owner) => listTenantTables(owner, 'scratch')),
    ).rejects.toThrow('scratch.keyless has no primary key');
    await queryRows(
      db.ownerUrl,
      `DROP TABLE scratch.keyless;
       ALTER TABLE scratch.parent ADD COLUMN child_id int,
         ADD FOREIGN KEY (clinic_id, child_id) REFERENCES scratch.child;`,
    );
    await expect(
      withClient(db.ownerUrl, (owner) => listTenantTables(owner, 'scratch')),
    ).rejects.toThrow('in a cycle: child, parent');
  });
});

describe('clinicFingerprint', () => {
  it('agrees between a clinic and its exact copy in another schema, table by table', async () => {
    await copyClinicA();
    const [source, copy] = await withClient(db.ownerUrl, async (owner) => [
      await clinicFingerprint(owner, { clinicId: a.id }),
      await clinicFingerprint(owner, { clinicId: a.id, schema: 'clinic_copy' }),
    ]);
    expect(source.map((entry) => entry.table)).toEqual(
      (await withClient(db.ownerUrl, (owner) => listTenantTables(owner))).map((t) => t.name),
    );
    expect(source.every((entry) => entry.rows === 1)).toBe(true);
    expect(copy).toEqual(source);
    expect(fingerprintDifferences(source, copy)).toEqual([]);
  });

  it('names the table whose content changed, even when its row count did not', async () => {
    const before = await withClient(db.ownerUrl, (owner) =>
      clinicFingerprint(owner, { clinicId: a.id }),
    );
    await withClient(db.appUrl, (app) =>
      asClinic(app, a.id, () => app.query("UPDATE branches SET name = 'Renamed'")),
    );
    const after = await withClient(db.appUrl, (app) => clinicFingerprint(app, { clinicId: a.id }));
    const differences = fingerprintDifferences(before, after);
    expect(differences.map((difference) => difference.table)).toEqual(['branches']);
    expect(differences[0]!.source!.rows).toBe(differences[0]!.target!.rows);
  });

  it('is unmoved by another clinic’s writes, and by session settings that change how values print', async () => {
    const before = await withClient(db.ownerUrl, (owner) =>
      clinicFingerprint(owner, { clinicId: a.id }),
    );
    await withClient(db.ownerUrl, (owner) =>
      asClinic(owner, b.id, () => owner.query("UPDATE reservations SET notes = 'moved'")),
    );
    const after = await withClient(db.ownerUrl, async (owner) => {
      await owner.query("SET TimeZone = 'Asia/Tokyo'; SET DateStyle = 'SQL, DMY'");
      return clinicFingerprint(owner, { clinicId: a.id });
    });
    expect(after).toEqual(before);
  });

  it('gives a clinic with no rows zero rows and one fixed checksum in every table', async () => {
    const empty = await withClient(db.appUrl, (app) =>
      clinicFingerprint(app, { clinicId: '00000000-0000-4000-8000-000000000000' }),
    );
    expect(empty.every((entry) => entry.rows === 0)).toBe(true);
    expect(new Set(empty.map((entry) => entry.checksum)).size).toBe(1);
  });
});

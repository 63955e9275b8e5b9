import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../testing';
import { withClient } from '../with-client';
import { queryRows } from '../testing/with-client';
import { asClinic, seedTwoClinics, type SeededClinic } from './two-clinics';

// The roles the apps connect as cannot step around row level security.

let db: TestDatabase;
let a: SeededClinic;

beforeAll(async () => {
  db = await createTestDatabase();
  ({ a } = await seedTwoClinics(db.ownerUrl));
});
afterAll(() => db?.drop());

describe('runtime roles', () => {
  it('eventora_app owns nothing, is not superuser and has no BYPASSRLS', async () => {
    const [role] = await queryRows(
      db.adminUrl,
      `SELECT rolsuper, rolbypassrls, rolcreaterole, rolcreatedb,
              (SELECT count(*)::int FROM pg_class WHERE relowner = r.oid) AS owned_relations,
              (SELECT count(*)::int FROM pg_namespace WHERE nspowner = r.oid) AS owned_schemas,
              (SELECT count(*)::int FROM pg_proc WHERE proowner = r.oid) AS owned_functions
         FROM pg_roles r WHERE rolname = 'eventora_app'`,
    );
    expect(role).toEqual({
      rolsuper: false,
      rolbypassrls: false,
      rolcreaterole: false,
      rolcreatedb: false,
      owned_relations: 0,
      owned_schemas: 0,
      owned_functions: 0,
    });
  });

  it('eventora_app cannot switch row level security off or drop a policy', async () => {
    await withClient(db.appUrl, async (app) => {
      await expect(app.query('ALTER TABLE users DISABLE ROW LEVEL SECURITY')).rejects.toMatchObject(
        {
          code: '42501',
        },
      );
      await expect(app.query('DROP POLICY tenant_isolation ON users')).rejects.toMatchObject({
        code: '42501',
      });
    });
  });

  it('eventora_platform reads the registry but no tenant table', async () => {
    await withClient(db.platformUrl, async (platform) => {
      const clinics = await platform.query('SELECT slug FROM clinics ORDER BY slug');
      expect(clinics.rows).toEqual([{ slug: 'clinic-a' }, { slug: 'clinic-b' }]);
      await expect(
        asClinic(platform, a.id, () => platform.query('SELECT * FROM users')),
      ).rejects.toMatchObject({ code: '42501' });
    });
  });
});

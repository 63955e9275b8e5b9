import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../testing';
import { queryRows } from '../testing/with-client';
import { checksumOf } from './checksum';
import type { Migration } from './load-migrations';
import { migrateTarget } from './migrate-target';
import { migrationStatus } from './migration-status';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase({ migrated: false });
});
afterAll(() => db?.drop());

function migration(name: string, sql: string): Migration {
  return { name, sql, checksum: checksumOf(sql) };
}

describe('migrationStatus', () => {
  it('lists every migration as pending on a target never migrated, and creates nothing there', async () => {
    const target = { label: 'fresh', connectionString: db.ownerUrl, schema: 'clinic_fresh' };
    const migrations = [migration('20260101000000_a', 'SELECT 1;')];
    expect(await migrationStatus(target, migrations)).toEqual({
      target: 'fresh',
      applied: [],
      pending: ['20260101000000_a'],
      modified: [],
      unknown: [],
    });
    expect(
      await queryRows(db.ownerUrl, "SELECT 1 FROM pg_namespace WHERE nspname = 'clinic_fresh'"),
    ).toEqual([]);
  });

  it('tells applied, pending, modified and unknown (drift) migrations apart', async () => {
    const target = { label: 'drifted', connectionString: db.ownerUrl, schema: 'clinic_drifted' };
    await migrateTarget(target, [
      migration('20260101000000_kept', 'CREATE TABLE kept (id int);'),
      migration('20260102000000_edited', 'CREATE TABLE edited (id int);'),
      migration('20260103000000_deleted', 'CREATE TABLE deleted (id int);'),
    ]);
    const onDisk = [
      migration('20260101000000_kept', 'CREATE TABLE kept (id int);'),
      migration('20260102000000_edited', 'CREATE TABLE edited (id bigint);'),
      migration('20260104000000_new', 'CREATE TABLE new (id int);'),
    ];
    expect(await migrationStatus(target, onDisk)).toEqual({
      target: 'drifted',
      applied: ['20260101000000_kept'],
      pending: ['20260104000000_new'],
      modified: ['20260102000000_edited'],
      unknown: ['20260103000000_deleted'],
    });
  });
});

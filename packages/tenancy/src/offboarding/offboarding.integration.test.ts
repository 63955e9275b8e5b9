import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrationsDir } from '@eventora/db/migrations';

import type { ClinicMode } from '../context/bound-clinic';
import { verifyArchive } from '../archive';
import { clinicRows, readRegistryClinic } from '../archive/clinic-target';
import { loadMigrations, type Migration } from '../migrations';
import { provisionClinic } from '../provisioning/provision-clinic';
import { seedClinicRows } from '../schema/two-clinics';
import { clinicFingerprint } from '../tables';
import { createTestDatabase, type TestDatabase } from '../testing';
import { withClient } from '../with-client';
import { closeClinic, purgeClinic, reopenClinic } from './offboard-clinic';

const KEY = 'a test signing key that is long enough to be a secret';
const run = randomBytes(3).toString('hex');
let db: TestDatabase;
let migrations: Migration[];
let dir: string;

beforeAll(async () => {
  db = await createTestDatabase();
  migrations = await loadMigrations(migrationsDir);
  dir = await mkdtemp(path.join(tmpdir(), 'eventora-offboard-'));
});
afterAll(async () => {
  await db?.drop();
  await rm(dir, { recursive: true, force: true });
});

const databaseName = (slug: string) => `${db.name}_${slug.replaceAll('-', '_')}`;

async function clinic(slug: string, mode: ClinicMode) {
  const { id } = await provisionClinic(
    { slug, name: slug, mode },
    { ownerUrl: db.ownerUrl, migrations, databaseName },
  );
  const registry = await withClient(db.ownerUrl, (owner) => readRegistryClinic(owner, slug));
  const rows = clinicRows(registry, db.ownerUrl);
  await withClient(rows.connectionString, async (owner) => {
    await owner.query(`SET search_path TO ${owner.escapeIdentifier(rows.schema)}, public`);
    await seedClinicRows(owner, id, slug);
  });
  return id;
}

const fingerprint = (slug: string) =>
  withClient(db.ownerUrl, async (owner) => {
    const registry = await readRegistryClinic(owner, slug);
    const rows = clinicRows(registry, db.ownerUrl);
    return withClient(rows.connectionString, (client) =>
      clinicFingerprint(client, { schema: rows.schema, clinicId: registry.id }),
    );
  });

describe.each(['shared', 'schema', 'database'] as const)('offboarding a %s clinic', (mode) => {
  it('closes with a final export, can be reopened, and after the grace period leaves zero rows anywhere', async () => {
    const slug = `off-${mode.slice(0, 2)}-${run}`;
    const other = `keep-${mode.slice(0, 2)}-${run}`;
    const id = await clinic(slug, mode);
    await clinic(other, 'shared');
    const otherBefore = await fingerprint(other);
    const options = { ownerUrl: db.ownerUrl, signingKey: KEY };
    const closedAt = new Date('2027-01-01T00:00:00Z');

    const closed = await closeClinic(slug, { exportDir: dir }, { ...options, now: () => closedAt });
    expect(closed.offboarding.purgeAfter).toBe('2027-01-31T00:00:00.000Z');
    expect((await verifyArchive(closed.finalExport.file, KEY)).clinic.id).toBe(id);
    expect((await withClient(db.ownerUrl, (o) => readRegistryClinic(o, slug))).status).toBe(
      'suspended',
    );

    // Within the grace period: no purge, and a reopen brings everything back.
    await expect(
      purgeClinic(slug, { ...options, now: () => new Date('2027-01-15T00:00:00Z') }),
    ).rejects.toMatchObject({ code: 'WRONG_STATE' });
    await reopenClinic(slug, options);
    expect((await withClient(db.ownerUrl, (o) => readRegistryClinic(o, slug))).status).toBe(
      'active',
    );
    await expect(purgeClinic(slug, options)).rejects.toMatchObject({ code: 'WRONG_STATE' });

    await closeClinic(slug, { exportDir: dir, graceDays: 0 }, options);
    const report = await purgeClinic(slug, options);
    expect(Object.values(report.remaining).every((count) => count === 0)).toBe(true);
    expect(Object.keys(report.remaining).length).toBeGreaterThan(15);
    expect(Object.values(report.deleted).reduce((sum, n) => sum + n, 0)).toBeGreaterThan(15);
    if (mode === 'schema') expect(report.dropped).toMatch(/^schema /);
    if (mode === 'database') expect(report.dropped).toMatch(/^database /);

    // Independent check, as the superuser, over every table of every schema with clinic_id.
    const left = await withClient(db.adminUrl, async (admin) => {
      const { rows: tables } = await admin.query<{ table_schema: string; table_name: string }>(
        "SELECT table_schema, table_name FROM information_schema.columns WHERE column_name IN ('clinic_id', 'target_clinic_id') AND table_name <> 'platform_audit_logs'",
      );
      let count = 0;
      for (const t of tables) {
        const column = (
          await admin.query<{ c: string }>(
            "SELECT column_name AS c FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2 AND column_name IN ('clinic_id', 'target_clinic_id')",
            [t.table_schema, t.table_name],
          )
        ).rows[0]!.c;
        const { rows } = await admin.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM ${admin.escapeIdentifier(t.table_schema)}.${admin.escapeIdentifier(t.table_name)} WHERE ${column} = $1`,
          [id],
        );
        count += rows[0]!.n;
      }
      const tombstone = await admin.query(
        "SELECT metadata FROM platform_audit_logs WHERE action = 'clinic.purged' AND target_clinic_id = $1",
        [id],
      );
      return { count, tombstone: tombstone.rows };
    });
    expect(left.count).toBe(0);
    expect(left.tombstone).toHaveLength(1);
    expect(await fingerprint(other)).toEqual(otherBefore);
  });
});

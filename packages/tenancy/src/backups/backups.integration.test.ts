import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrationsDir } from '@eventora/db/migrations';

import { loadMigrations, type Migration } from '../migrations';
import { closeClinic, purgeClinic } from '../offboarding';
import { createTestDatabase, type TestDatabase } from '../testing';
import {
  auditChainBreaks,
  clinicContent,
  clinicWithRows,
  registryFingerprint,
} from '../testing/archived-clinic';
import { withClient } from '../with-client';
import { queryRows } from '../testing/with-client';
import { backupClinic, listBackups } from './backup-clinic';
import { backupKey, download, type BackupStore } from './backup-store';
import { openBackupStore } from './open-store';
import { pruneBackups } from './prune-backups';
import { restoreBackup } from './restore-backup';

const KEY = 'a test signing key that is long enough to be a secret';
const DAY = 86_400_000;
const run = randomBytes(3).toString('hex');
let db: TestDatabase;
let migrations: Migration[];
let dir: string;
let s3: S3rver;
let store: BackupStore;

beforeAll(async () => {
  db = await createTestDatabase();
  migrations = await loadMigrations(migrationsDir);
  dir = await mkdtemp(path.join(tmpdir(), 'eventora-backups-'));
  s3 = new S3rver({
    port: 0,
    address: '127.0.0.1',
    silent: true,
    directory: path.join(dir, 's3rver'),
    configureBuckets: [{ name: 'backups', configs: [] }],
  });
  const { port } = await s3.run();
  store = openBackupStore('s3://backups/test', {
    S3_ENDPOINT: `http://127.0.0.1:${port}`,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'S3RVER',
    AWS_SECRET_ACCESS_KEY: 'S3RVER',
  });
});
afterAll(async () => {
  await db?.drop();
  await s3?.close();
  await rm(dir, { recursive: true, force: true });
});

const options = (now?: Date) => ({
  ownerUrl: db.ownerUrl,
  signingKey: KEY,
  store,
  migrations,
  now: now ? () => now : undefined,
});

/** Every table's rows but the credentials a restore drops and the log it appends to. */
function records(content: Record<string, string[]>) {
  const kept = Object.entries(content).filter(
    ([table]) => !['sessions', 'password_reset_tokens'].includes(table),
  );
  return Object.fromEntries(
    kept.map(([table, rows]) => [
      table,
      table === 'audit_logs' ? rows.filter((row) => !row.includes('"clinic.restored_')) : rows,
    ]),
  );
}

describe.each(['shared', 'schema'] as const)('a backup of a %s clinic', (mode) => {
  it('is stored, listed with its size and rows, and restores as a copy holding every row', async () => {
    const slug = `b${mode.slice(0, 2)}-${run}`;
    const { id } = await clinicWithRows(db, migrations, slug, mode);
    const backup = await backupClinic(slug, options());
    expect(backup).toMatchObject({ clinicId: id, slug, store: 's3://backups/test' });
    expect(backup.key).toMatch(new RegExp(`^${id}/\\d{8}T\\d{6}Z-[0-9a-f]{8}\\.tar$`));
    expect(backup.rows).toBeGreaterThan(15);

    const listed = await listBackups(slug, options());
    expect(listed.clinic).toEqual({ id, slug, retentionDays: 30 });
    expect(listed.backups).toEqual([
      expect.objectContaining({
        id: backup.id,
        bytes: backup.bytes,
        rows: backup.rows,
        tables: backup.tables,
        verifiedAt: expect.any(Date),
        sha256: backup.sha256,
      }),
    ]);
    expect((await store.list(id)).map((o) => [o.key, o.bytes])).toEqual([
      [backup.key, backup.bytes],
    ]);

    const copy = `${slug}-copy`;
    const restored = await restoreBackup(backup.id, { as: copy }, options());
    expect(restored.clinic).toMatchObject({ slug: copy, mode, status: 'suspended' });
    expect(restored.backup.id).toBe(backup.id);
    expect(records(await clinicContent(db.ownerUrl, copy))).toEqual(
      records(await clinicContent(db.ownerUrl, slug)),
    );
    expect(await auditChainBreaks(db.ownerUrl, copy)).toEqual([]);
  });
});

describe('a stored backup that was changed', () => {
  it('is refused by its recorded SHA-256, and by the archive signature when the record was changed too; nothing is created', async () => {
    const slug = `tam-${run}`;
    await clinicWithRows(db, migrations, slug, 'shared');
    const backup = await backupClinic(slug, options());
    const file = path.join(dir, 'stored.tar');
    await download(store, backup.key, file);
    const bytes = await readFile(file);
    bytes[bytes.length - 2000] = bytes[bytes.length - 2000]! ^ 0xff;
    await writeFile(file, bytes);
    await store.put(backup.key, file);

    await expect(
      restoreBackup(backup.id, { as: `tam-copy-${run}` }, options()),
    ).rejects.toMatchObject({ code: 'BACKUP_CHANGED' });

    // Someone who can write the store and the table: the signed manifest still refuses it.
    const { createHash } = await import('node:crypto');
    await withClient(db.ownerUrl, (owner) =>
      owner.query('UPDATE clinic_backups SET sha256 = $2 WHERE id = $1', [
        backup.id,
        createHash('sha256').update(bytes).digest('hex'),
      ]),
    );
    await expect(
      restoreBackup(backup.id, { as: `tam-copy-${run}` }, options()),
    ).rejects.toMatchObject({ code: expect.stringMatching(/^(FILE_CHANGED|NOT_AN_ARCHIVE)$/) });
    await expect(
      restoreBackup('00000000-0000-4000-8000-000000000000', { as: `x-${run}` }, options()),
    ).rejects.toMatchObject({ code: 'BACKUP_NOT_FOUND' });
    expect(
      await queryRows(db.ownerUrl, "SELECT 1 FROM clinics WHERE slug LIKE 'tam-copy-%'"),
    ).toEqual([]);
  });
});

describe('restoring a backup in place', () => {
  it('brings back the backed-up rows and keeps the replaced ones as a backup of their own', async () => {
    const slug = `rip-${run}`;
    const { id } = await clinicWithRows(db, migrations, slug, 'shared');
    const backup = await backupClinic(slug, options());
    const before = await clinicContent(db.ownerUrl, slug);
    await withClient(db.ownerUrl, async (owner) => {
      await owner.query('BEGIN');
      await owner.query("SELECT set_config('app.current_tenant', $1, true)", [id]);
      await owner.query("UPDATE branches SET name = 'Renamed' WHERE clinic_id = $1", [id]);
      await owner.query('COMMIT');
    });

    await expect(
      restoreBackup(backup.id, { replace: slug, confirm: 'no' }, options()),
    ).rejects.toMatchObject({ code: 'NOT_CONFIRMED' });
    const restored = await restoreBackup(backup.id, { replace: slug, confirm: slug }, options());
    expect(records(await clinicContent(db.ownerUrl, slug))).toEqual(records(before));
    expect(restored.safetyBackup).toMatchObject({ clinicId: id, verifiedAt: expect.any(Date) });
    const listed = await listBackups(slug, options());
    expect(listed.backups.map((b) => b.id)).toEqual([restored.safetyBackup!.id, backup.id]);

    // The replaced state is one restore away: its copy has the renamed branch.
    await restoreBackup(restored.safetyBackup!.id, { as: `${slug}-was` }, options());
    expect((await clinicContent(db.ownerUrl, `${slug}-was`)).branches!.join()).toContain('Renamed');
  });
});

describe('pruning', () => {
  it("deletes what is older than the clinic's retention from the store and the table, keeps the newest verified one, and touches no other clinic", async () => {
    const [slug, other] = [`pr-${run}`, `po-${run}`];
    const { id } = await clinicWithRows(db, migrations, slug, 'shared');
    const { id: otherId } = await clinicWithRows(db, migrations, other, 'shared');
    await withClient(db.ownerUrl, (owner) =>
      owner.query('UPDATE clinics SET backup_retention_days = 7 WHERE id = $1', [id]),
    );
    const now = new Date();
    const at = (days: number) => new Date(now.getTime() - days * DAY);
    const taken = [];
    for (const days of [20, 10, 1]) taken.push(await backupClinic(slug, options(at(days))));
    const otherOld = await backupClinic(other, options(at(40)));
    // An object that lost its record (a crash between upload and insert), long ago.
    const stray = path.join(dir, 'stray.tar');
    await writeFile(stray, 'x');
    const strayKey = backupKey(id, at(30), '0123456789');
    await store.put(strayKey, stray);
    const otherFingerprint = await registryFingerprint(db.ownerUrl, other);

    const pruned = await pruneBackups(slug, options(now));
    expect(pruned.clinic).toEqual({ id, slug, retentionDays: 7 });
    expect(pruned.deleted.map((b) => b.id)).toEqual([taken[0]!.id, taken[1]!.id]);
    // s3rver dates objects by upload (now), so the stray is younger than the retention there.
    expect((await listBackups(slug, options())).backups.map((b) => b.id)).toEqual([taken[2]!.id]);
    expect((await store.list(id)).map((o) => o.key).filter((k) => k !== strayKey)).toEqual([
      taken[2]!.key,
    ]);

    // Months later with no newer backup: the newest verified one stays.
    const later = await pruneBackups(slug, options(new Date(now.getTime() + 90 * DAY)));
    expect(later.deleted).toEqual([]);
    expect(later.strays).toEqual([strayKey]);
    expect((await store.list(id)).map((o) => o.key)).toEqual([taken[2]!.key]);
    expect(later.kept).toBe(1);

    // The other clinic's 40-day-old backup is not this prune's to delete.
    expect((await listBackups(other, options())).backups.map((b) => b.id)).toEqual([otherOld.id]);
    expect((await store.list(otherId)).map((o) => o.key)).toEqual([otherOld.key]);
    expect(await registryFingerprint(db.ownerUrl, other)).toEqual(otherFingerprint);
  });
});

describe('a purged clinic', () => {
  it('has every backup object removed by the next prune, whatever its age, and cannot be backed up', async () => {
    const slug = `pg-${run}`;
    const { id } = await clinicWithRows(db, migrations, slug, 'schema');
    const backup = await backupClinic(slug, options());
    await closeClinic(slug, { exportDir: dir, graceDays: 0 }, options());
    await purgeClinic(slug, options());
    // The purge removed the records (a catalog-driven control-plane table); the objects remain…
    expect((await listBackups(slug, options())).backups).toEqual([]);
    expect((await store.list(id)).map((o) => o.key)).toEqual([backup.key]);

    const pruned = await pruneBackups(slug, options());
    expect(pruned.strays).toEqual([backup.key]);
    expect(await store.list(id)).toEqual([]);
    await expect(backupClinic(slug, options())).rejects.toMatchObject({ code: 'WRONG_STATE' });
  });
});

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import {
  backupClinic,
  insertRestore,
  localBackupStore,
  RESTORE_HEARTBEAT_TIMEOUT_MS,
  type BackupStore,
} from '@eventora/tenancy/backups';
import { loadMigrations } from '@eventora/tenancy/migrations';
import { clinicFingerprint } from '@eventora/tenancy/tables';
import { migrationsDir } from '@eventora/db/migrations';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { SERVICE_OF_B } from '../../../isolation/isolation-cases';
import { createApiTestKit, type ApiTestKit, type TestClinic } from '../../../testing/api-test-kit';

const KEY = 'a console test signing key, long enough to be a secret';
const REASON = 'Owner deleted the week’s bookings by mistake (ticket 981)';

describe('a clinic’s backups in the console', () => {
  let kit: ApiTestKit;
  let alpha: TestClinic;
  let other: TestClinic;
  let operatorToken: string;
  let operatorId: string;
  let dir: string;
  let store: BackupStore;
  let alphaBackup: string;
  let otherBackup: string;

  const asOperator = () => kit.console({ token: operatorToken });

  async function query<T extends pg.QueryResultRow>(sql: string, values: unknown[] = []) {
    const client = new pg.Client({ connectionString: kit.database.adminUrl });
    await client.connect();
    try {
      return (await client.query<T>(sql, values)).rows;
    } finally {
      await client.end();
    }
  }

  async function fingerprint(clinicId: string) {
    const client = new pg.Client({ connectionString: kit.database.ownerUrl });
    await client.connect();
    try {
      return await clinicFingerprint(client, { clinicId });
    } finally {
      await client.end();
    }
  }

  /** Polls the list until the clinic's restore is no longer running. */
  async function restoreEnded(clinicId: string) {
    for (let i = 0; i < 600; i++) {
      const view = await asOperator().admin.backups.list({ clinicId });
      if (view.configured && view.restore && view.restore.state !== 'running') return view.restore;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error('the restore did not end in 60 s');
  }

  beforeAll(async () => {
    kit = await createApiTestKit();
    alpha = await kit.addClinic('alphabackup');
    other = await kit.addClinic('otherbackup');
    ({ id: operatorId } = await kit.addOperator('restorer@eventora.test'));
    operatorToken = await kit.operatorToken('restorer@eventora.test');
    dir = await mkdtemp(path.join(tmpdir(), 'eventora-console-backups-'));
    store = localBackupStore(path.join(dir, 'store'));
    kit.services.backups = {
      configured: true,
      ownerUrl: kit.database.ownerUrl,
      signingKey: KEY,
      store,
      migrations: () => loadMigrations(migrationsDir),
    };
    const options = { ownerUrl: kit.database.ownerUrl, signingKey: KEY, store };
    alphaBackup = (await backupClinic(alpha.slug, options)).id;
    otherBackup = (await backupClinic(other.slug, options)).id;
  }, 120_000);
  afterAll(async () => {
    await kit?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('refuses clinic sessions and anonymous callers', async () => {
    await expect(
      kit.console({ token: alpha.owner.token }).admin.backups.list({ clinicId: alpha.clinic.id }),
    ).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await expect(
      kit.console().admin.backups.restore({
        clinicId: alpha.clinic.id,
        backupId: alphaBackup,
        reason: REASON,
        target: { kind: 'copy', slug: 'alphabackup-anon' },
      }),
    ).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });

  it('lists the clinic’s own backups with time, size, rows and when each was verified', async () => {
    const view = await asOperator().admin.backups.list({ clinicId: alpha.clinic.id });
    expect(view).toMatchObject({ configured: true, store: store.location, restore: null });
    if (!view.configured) throw new Error('configured');
    expect(view.backups.map((backup) => backup.id)).toEqual([alphaBackup]);
    const [backup] = view.backups;
    expect(backup!.bytes).toBeGreaterThan(0);
    expect(backup!.rows).toBeGreaterThan(4);
    expect(backup!.verifiedAt).toBeInstanceOf(Date);
    expect(backup!.createdAt).toBeInstanceOf(Date);
  });

  it('answers another clinic’s backup as not found, and checks the slug and the confirmation before starting', async () => {
    const restore = (
      target: { kind: 'copy'; slug: string } | { kind: 'replace'; confirm: string },
    ) =>
      asOperator().admin.backups.restore({
        clinicId: alpha.clinic.id,
        backupId: otherBackup,
        reason: REASON,
        target,
      });
    await expect(restore({ kind: 'copy', slug: 'alphabackup-x' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    const own = (target: { kind: 'copy'; slug: string } | { kind: 'replace'; confirm: string }) =>
      asOperator().admin.backups.restore({
        clinicId: alpha.clinic.id,
        backupId: alphaBackup,
        reason: REASON,
        target,
      });
    await expect(own({ kind: 'copy', slug: other.slug })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    await expect(own({ kind: 'replace', confirm: 'alpha' })).rejects.toMatchObject({
      code: 'UNPROCESSABLE_CONTENT',
    });
    await expect(
      asOperator().admin.backups.restore({
        clinicId: alpha.clinic.id,
        backupId: alphaBackup,
        reason: 'short',
        target: { kind: 'copy', slug: 'alphabackup-y' },
      }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    const view = await asOperator().admin.backups.list({ clinicId: alpha.clinic.id });
    expect(view).toMatchObject({ restore: null });
  });

  it('restores a backup as a closed copy with a new slug; the platform log names the operator and the reason; other clinics are untouched', async () => {
    const before = await fingerprint(other.clinic.id);
    const started = await asOperator().admin.backups.restore({
      clinicId: alpha.clinic.id,
      backupId: alphaBackup,
      reason: REASON,
      target: { kind: 'copy', slug: 'alphabackup-copy' },
    });
    expect(started).toMatchObject({ kind: 'copy', state: 'running', backupId: alphaBackup });
    const ended = await restoreEnded(alpha.clinic.id);
    expect(ended).toMatchObject({ state: 'done', error: null });
    expect(ended.copy).toMatchObject({ slug: 'alphabackup-copy' });
    expect(ended.tables.done).toBe(ended.tables.of);

    const copy = await asOperator().admin.clinic.byId({ id: ended.copy!.id });
    expect(copy).toMatchObject({ slug: 'alphabackup-copy', status: 'suspended' });
    const [entry] = await query<{ operator_id: string; reason: string }>(
      "SELECT operator_id, reason FROM platform_audit_logs WHERE action = 'clinic.restored_copy' AND target_clinic_id = $1",
      [ended.copy!.id],
    );
    expect(entry).toEqual({ operator_id: operatorId, reason: REASON });
    expect(await fingerprint(other.clinic.id)).toEqual(before);
  });

  it('replaces the clinic’s rows after the typed slug, keeping what was replaced as a new backup; other clinics are untouched', async () => {
    const otherBefore = await fingerprint(other.clinic.id);
    const backedUp = await fingerprint(alpha.clinic.id);
    // A change after the backup: the restore takes it away.
    await kit.as(alpha, alpha.staff).service.create(SERVICE_OF_B(alpha.ids.therapist));
    expect(await fingerprint(alpha.clinic.id)).not.toEqual(backedUp);

    await asOperator().admin.backups.restore({
      clinicId: alpha.clinic.id,
      backupId: alphaBackup,
      reason: REASON,
      target: { kind: 'replace', confirm: alpha.slug },
    });
    const ended = await restoreEnded(alpha.clinic.id);
    expect(ended).toMatchObject({ kind: 'replace', state: 'done', copy: null });
    expect(ended.safetyBackupId).toEqual(expect.any(String));

    const restored = await fingerprint(alpha.clinic.id);
    // The restore's own audit entry and the dropped sessions differ from the backup; the rest is equal.
    const comparable = (entries: typeof restored) =>
      entries.filter((entry) => !['audit_logs', 'sessions'].includes(entry.table));
    expect(comparable(restored)).toEqual(comparable(backedUp));
    expect(await fingerprint(other.clinic.id)).toEqual(otherBefore);

    const view = await asOperator().admin.backups.list({ clinicId: alpha.clinic.id });
    if (!view.configured) throw new Error('configured');
    expect(view.backups.map((backup) => backup.id)).toEqual([ended.safetyBackupId, alphaBackup]);
    const [entry] = await query<{ operator_id: string; reason: string }>(
      "SELECT operator_id, reason FROM platform_audit_logs WHERE action = 'clinic.restored_in_place' AND target_clinic_id = $1",
      [alpha.clinic.id],
    );
    expect(entry).toEqual({ operator_id: operatorId, reason: REASON });
    expect(await asOperator().admin.clinic.byId({ id: alpha.clinic.id })).toMatchObject({
      status: 'active',
    });
  });

  it('says what is missing when the console has no store or key, and refuses to restore', async () => {
    const configured = kit.services.backups;
    kit.services.backups = { configured: false, missing: ['BACKUP_STORE'] };
    try {
      expect(await asOperator().admin.backups.list({ clinicId: alpha.clinic.id })).toEqual({
        configured: false,
        missing: ['BACKUP_STORE'],
      });
      await expect(
        asOperator().admin.backups.restore({
          clinicId: alpha.clinic.id,
          backupId: alphaBackup,
          reason: REASON,
          target: { kind: 'copy', slug: 'alphabackup-none' },
        }),
      ).rejects.toMatchObject({
        code: 'PRECONDITION_FAILED',
        message: expect.stringContaining('BACKUP_STORE'),
      });
    } finally {
      kit.services.backups = configured;
    }
  });

  it('reports a restore whose console died mid-way as failed (interrupted), from its record, and lets a new one start', async () => {
    const now = Date.now();
    // What a console killed mid-restore leaves: a running record whose heartbeat stopped.
    await insertRestore(kit.database.ownerUrl, {
      id: randomUUID(),
      clinicId: other.clinic.id,
      backupId: otherBackup,
      kind: 'replace',
      operatorId,
      state: 'running',
      startedAt: new Date(now - 5 * 60_000),
      finishedAt: null,
      heartbeatAt: new Date(now - RESTORE_HEARTBEAT_TIMEOUT_MS - 60_000),
      tables: { done: 3, of: 20 },
      rows: 120,
      copy: null,
      safetyBackupId: null,
      error: null,
    });
    const before = await fingerprint(other.clinic.id);
    const view = await asOperator().admin.backups.list({ clinicId: other.clinic.id });
    if (!view.configured) throw new Error('configured');
    expect(view.restore).toMatchObject({
      state: 'failed',
      kind: 'replace',
      tables: { done: 3, of: 20 },
      error: expect.stringContaining('Interrupted'),
    });
    expect(view.restore!.finishedAt).toBeInstanceOf(Date);
    // Its old state is intact, and it does not block a new restore.
    expect(await fingerprint(other.clinic.id)).toEqual(before);
    await asOperator().admin.backups.restore({
      clinicId: other.clinic.id,
      backupId: otherBackup,
      reason: REASON,
      target: { kind: 'copy', slug: 'otherbackup-copy' },
    });
    // Followed from the record while it runs, like after a page reload.
    const ended = await restoreEnded(other.clinic.id);
    expect(ended).toMatchObject({ state: 'done', copy: { slug: 'otherbackup-copy' } });
    const [record] = await query<{ state: string; tables_done: number; tables_of: number }>(
      'SELECT state, tables_done, tables_of FROM clinic_restores WHERE id = $1',
      [ended.id],
    );
    expect(record).toMatchObject({ state: 'done' });
    expect(record!.tables_done).toBe(record!.tables_of);
  });
});

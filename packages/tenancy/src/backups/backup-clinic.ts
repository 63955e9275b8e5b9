import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import {
  ArchiveError,
  exportClinic,
  readRegistryClinic,
  verifyArchive,
  type ExportSummary,
} from '../archive';
import { withClient } from '../with-client';
import { insertBackup, selectBackups, type BackupRecord } from './backup-record';
import { backupKey, sha256File, type BackupStore } from './backup-store';

export interface BackupOptions {
  /** Owner role URL of the shared database (registry, clinic_backups, same-server clinics). */
  ownerUrl: string;
  /** HMAC key archives are signed with (ARCHIVE_SIGNING_KEY). */
  signingKey: string;
  store: BackupStore;
  /** Secrets holding database URLs of clinics on other servers. */
  secrets?: (name: string) => string | undefined;
  onTable?: (progress: { table: string; rows: number; done: number; of: number }) => void;
  now?: () => Date;
}

export type BackupSummary = BackupRecord & { slug: string; store: string };

/**
 * Backs up one clinic: a signed export (one consistent snapshot, any mode) to a temporary file,
 * read back in full against its signature before it leaves the machine, uploaded to the store
 * under `<clinic id>/…`, and recorded in `clinic_backups` with its size, rows, migration and the
 * SHA-256 a restore checks. A record always has its object: the upload comes first, and an
 * object whose record cannot be written is deleted again.
 */
export async function backupClinic(slug: string, options: BackupOptions): Promise<BackupSummary> {
  const now = options.now ?? (() => new Date());
  const clinic = await withClient(options.ownerUrl, async (owner) => {
    const found = await readRegistryClinic(owner, slug);
    const { rows } = await owner.query<{ purged: boolean }>(
      `SELECT coalesce(onboarding #>> '{offboarding,state}' = 'purged', false) AS purged
         FROM public.clinics WHERE id = $1`,
      [found.id],
    );
    if (rows[0]!.purged) {
      throw new ArchiveError(
        'WRONG_STATE',
        `Clinic ${slug} was purged: it has nothing to back up.`,
      );
    }
    return found;
  });
  const dir = await mkdtemp(path.join(tmpdir(), 'eventora-backup-'));
  try {
    const file = path.join(dir, 'backup.tar');
    const exported = await exportClinic(slug, {
      ownerUrl: options.ownerUrl,
      signingKey: options.signingKey,
      out: file,
      secrets: options.secrets,
      onTable: options.onTable,
      now,
    });
    const record = await storeArchive(file, exported, clinic.id, options);
    return { ...record, slug: clinic.slug, store: options.store.location };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * Reads an exported archive back in full against its signature, uploads it under the clinic's
 * prefix and records it in `clinic_backups` (upload first; an object whose record cannot be
 * written is deleted again). Backups use it, and so does a clinic's final export at its close.
 */
export async function storeArchive(
  file: string,
  exported: ExportSummary,
  clinicId: string,
  options: Pick<BackupOptions, 'ownerUrl' | 'signingKey' | 'store' | 'now'>,
): Promise<BackupRecord> {
  const now = options.now ?? (() => new Date());
  const manifest = await verifyArchive(file, options.signingKey);
  const id = randomUUID();
  const createdAt = new Date(manifest.createdAt);
  const record: BackupRecord = {
    id,
    clinicId,
    key: backupKey(clinicId, createdAt, id),
    createdAt,
    bytes: exported.bytes,
    rows: exported.rows,
    tables: exported.tables,
    migration: manifest.migration,
    verifiedAt: now(),
    sha256: await sha256File(file),
  };
  await options.store.put(record.key, file);
  try {
    await withClient(options.ownerUrl, (owner) => insertBackup(owner, record));
  } catch (error) {
    await options.store.delete(record.key).catch(() => undefined);
    throw error;
  }
  return record;
}

/** A clinic's backups, newest first, as recorded (time, size, rows, tables, verified). */
export async function listBackups(
  slug: string,
  options: { ownerUrl: string },
): Promise<{
  clinic: { id: string; slug: string; retentionDays: number };
  backups: BackupRecord[];
}> {
  return withClient(options.ownerUrl, async (owner) => {
    const clinic = await readRegistryClinic(owner, slug);
    const { rows } = await owner.query<{ days: number }>(
      'SELECT backup_retention_days AS days FROM public.clinics WHERE id = $1',
      [clinic.id],
    );
    return {
      clinic: { id: clinic.id, slug: clinic.slug, retentionDays: rows[0]!.days },
      backups: await selectBackups(owner, clinic.id),
    };
  });
}

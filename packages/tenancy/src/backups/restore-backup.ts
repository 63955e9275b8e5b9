import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import type { ClinicMode } from '../context/bound-clinic';
import type { Migration } from '../migrations';
import {
  ArchiveError,
  restoreClinic,
  verifyArchive,
  type RestoreActor,
  type RestoreSummary,
} from '../archive';
import { withClient } from '../with-client';
import { insertBackup, selectBackup, type BackupRecord } from './backup-record';
import { backupKey, download, sha256File, type BackupStore } from './backup-store';

export type RestoreBackupRequest =
  /** A copy as a new clinic with this slug, registered suspended (see restoreClinic). */
  | { as: string; mode?: ClinicMode; name?: string }
  /** The same clinic's rows replaced; `confirm` repeats the slug. */
  | { replace: string; confirm: string };

export interface RestoreBackupOptions {
  ownerUrl: string;
  signingKey: string;
  store: BackupStore;
  /** Every migration this code knows, in order. */
  migrations: Migration[];
  secrets?: (name: string) => string | undefined;
  onTable?: (progress: { table: string; rows: number; done: number; of: number }) => void;
  log?: (line: string) => void;
  /** The operator who asked, and why (see restoreClinic). */
  actor?: RestoreActor;
}

export type RestoreBackupSummary = Omit<RestoreSummary, 'safetyExport'> & {
  backup: { id: string; key: string; createdAt: Date };
  /** For a replace: the rows that were replaced, kept as a backup of their own. */
  safetyBackup?: BackupRecord;
};

/**
 * Restores a recorded backup: downloads its object, refuses it when its bytes no longer match
 * the SHA-256 recorded when it was taken (BACKUP_CHANGED), then hands it to restoreClinic, which
 * checks the archive's signature and every file before it writes a row. A replace first exports
 * the rows it replaces; that export is uploaded and recorded as a backup of the clinic, so an
 * in-place restore can itself be undone from the store.
 */
export async function restoreBackup(
  backupId: string,
  request: RestoreBackupRequest,
  options: RestoreBackupOptions,
): Promise<RestoreBackupSummary> {
  const backup = await withClient(options.ownerUrl, (owner) => selectBackup(owner, backupId));
  if (!backup) throw new ArchiveError('BACKUP_NOT_FOUND', `No backup has the id ${backupId}.`);
  const dir = await mkdtemp(path.join(tmpdir(), 'eventora-restore-'));
  try {
    const file = path.join(dir, 'backup.tar');
    const sha256 = await download(options.store, backup.key, file);
    if (sha256 !== backup.sha256) {
      throw new ArchiveError(
        'BACKUP_CHANGED',
        `Backup ${backup.id} (${backup.key}) in ${options.store.location} differs from what was stored: refusing it.`,
      );
    }
    const restoreOptions = {
      ownerUrl: options.ownerUrl,
      signingKey: options.signingKey,
      migrations: options.migrations,
      secrets: options.secrets,
      onTable: options.onTable,
      log: options.log,
      actor: options.actor,
    };
    const from = { id: backup.id, key: backup.key, createdAt: backup.createdAt };
    if ('as' in request) {
      const restored = await restoreClinic(
        file,
        { kind: 'copy', slug: request.as, mode: request.mode, name: request.name },
        restoreOptions,
      );
      return { ...restored, backup: from };
    }
    const safetyOut = path.join(dir, 'before-restore.tar');
    const { safetyExport, ...restored } = await restoreClinic(
      file,
      { kind: 'replace', slug: request.replace, confirm: request.confirm, safetyOut },
      restoreOptions,
    );
    const safety = safetyExport!;
    await verifyArchive(safetyOut, options.signingKey);
    const id = randomUUID();
    const createdAt = new Date();
    const safetyBackup: BackupRecord = {
      id,
      clinicId: safety.clinic.id,
      key: backupKey(safety.clinic.id, createdAt, id),
      createdAt,
      bytes: safety.bytes,
      rows: safety.rows,
      tables: safety.tables,
      migration: safety.migration,
      verifiedAt: new Date(),
      sha256: await sha256File(safetyOut),
    };
    await options.store.put(safetyBackup.key, safetyOut);
    await withClient(options.ownerUrl, (owner) => insertBackup(owner, safetyBackup));
    options.log?.(`the replaced rows are kept as backup ${safetyBackup.id}`);
    return { ...restored, backup: from, safetyBackup };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

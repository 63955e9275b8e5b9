/**
 * @eventora/tenancy/backups: scheduled per-clinic backups (signed archives from ./archive) in a
 * backup store (a local directory or an S3-compatible bucket), recorded in `clinic_backups`,
 * pruned by each clinic's retention, and restored as a copy or in place.
 */
export {
  backupKey,
  download,
  sha256File,
  type BackupStore,
  type StoredObject,
} from './backup-store';
export { localBackupStore } from './local-store';
export { openBackupStore, type StoreEnvironment } from './open-store';
export { s3BackupStore, type S3StoreOptions } from './s3-store';
export { type BackupRecord } from './backup-record';
export { backupClinic, listBackups, type BackupOptions, type BackupSummary } from './backup-clinic';
export {
  pruneBackups,
  pruneEveryClinic,
  type PruneOptions,
  type PruneSummary,
} from './prune-backups';
export {
  restoreBackup,
  type RestoreBackupOptions,
  type RestoreBackupRequest,
  type RestoreBackupSummary,
} from './restore-backup';
export {
  insertRestore,
  latestRestore,
  RESTORE_HEARTBEAT_TIMEOUT_MS,
  updateRestore,
  type RestoreRecord,
} from './restore-record';

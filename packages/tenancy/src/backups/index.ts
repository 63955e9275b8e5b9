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

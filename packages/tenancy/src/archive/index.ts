/**
 * @eventora/tenancy/archive: one clinic's data as a signed, portable archive (a tar of compressed
 * CSV files, one per tenant table, and a signed manifest), and back: restore as a new clinic or
 * in place. Table-generic: it knows the catalog's tables and rows, not bookings.
 */
export { ArchiveError, isArchiveError, type ArchiveErrorCode } from './archive-error';
export {
  clinicRows,
  readRegistryClinic,
  type ClinicRows,
  type RegistryClinic,
} from './clinic-target';
export { exportClinic, type ExportOptions, type ExportSummary } from './export-clinic';
export {
  ARCHIVE_FORMAT,
  signManifest,
  verifyManifest,
  type ArchivedTable,
  type ArchiveManifest,
} from './manifest';
export { readArchive, verifyArchive } from './read-archive';
export {
  restoreClinic,
  type RestoreActor,
  type RestoreOptions,
  type RestoreRequest,
  type RestoreSummary,
} from './restore-clinic';

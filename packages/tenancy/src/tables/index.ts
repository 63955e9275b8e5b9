/**
 * @eventora/tenancy/tables: the clinic-owned tables of any target, read from its catalog, and a
 * per-clinic fingerprint (row counts and content checksums) computed in the database. Table
 * generic: it knows rows and keys, not bookings. The move engine and per-clinic export build on it.
 */
export {
  copyableColumns,
  listTenantTables,
  qualifiedName,
  type TenantColumn,
  type TenantTable,
} from './list-tenant-tables';
export {
  clinicFingerprint,
  fingerprintDifferences,
  fingerprintTable,
  pinCanonicalSettings,
  type TableFingerprint,
} from './clinic-fingerprint';

/**
 * @eventora/tenancy/offboarding: closing a clinic (final export, grace period, reversible) and
 * purging it afterwards, verified by a catalog-driven check that no row of it is left; the
 * owner's download link for the final export.
 */
export {
  closeClinic,
  DEFAULT_GRACE_DAYS,
  purgeClinic,
  reopenClinic,
  type Offboarding,
  type OffboardOptions,
  type PurgeReport,
} from './offboard-clinic';
export {
  createExportLink,
  currentExportLink,
  EXPORT_LINK_DAYS,
  openExportLink,
  recordExportDownload,
  setExportLinkRecipients,
  type ExportLink,
  type OpenedExportLink,
} from './export-links';

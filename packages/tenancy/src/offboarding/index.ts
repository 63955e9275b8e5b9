/**
 * @eventora/tenancy/offboarding: closing a clinic (final export, grace period, reversible) and
 * purging it afterwards, verified by a catalog-driven check that no row of it is left.
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

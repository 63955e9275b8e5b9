/**
 * @eventora/tenancy: the typed tenancy library. Bind a clinic for a unit of work, and every
 * query through a tenant client is scoped to it, in the app and in Postgres.
 */
export {
  type BoundClinic,
  type ClinicMode,
  isUuid,
  type PlatformAccess,
} from './context/bound-clinic';
export { currentClinic, requireClinic, runWithClinic } from './context/tenant-context';
export { createBindingPool } from './client/binding-pool';
export {
  createTenantClient,
  tenantClientOnPool,
  tenantScope,
  type TenantClient,
  type TenantClientOptions,
  type TenantTransaction,
} from './client/tenant-client';
export { READ_OPERATIONS } from './client/operations';
export {
  writeClinicAudit,
  writePlatformAudit,
  type AuditActor,
  type ClinicAuditEntry,
  type PlatformAuditEntry,
} from './audit/write-audit-entry';
export { readClinicRecord, type ClinicRecord, type ClinicStatus } from './router/clinic-record';
export {
  RECYCLE_AFTER_USES,
  TenantRouter,
  type ResolvedClinic,
  type TenantRouterOptions,
} from './router/tenant-router';
export { TENANT_MODELS, isTenantModel, type TenantModelName } from './client/tenant-models';
export { isTenancyError, TenancyError, type TenancyErrorCode } from './errors';
export { databaseUrlResolver, sameServerRef } from './provisioning/database-url';
export {
  countServerConnections,
  countServerConnectionsAt,
  type DatabaseServerState,
  type ServerConnections,
} from './provisioning/database-servers';
export {
  dedicatedName,
  discardClinic,
  provisionClinic,
  type ProvisionedClinic,
  type ProvisionOptions,
  type ProvisionRequest,
} from './provisioning/provision-clinic';
export {
  asPlatform,
  MAX_PLATFORM_ACCESS_MINUTES,
  type PlatformAccessRequest,
} from './platform/as-platform';
export {
  CLINIC_HAS_USERS,
  firstOwnerStatement,
  isClinicHasUsers,
  platformEntryStatement,
  PlatformWriter,
  type ClinicPlace,
  type FirstOwnerInvitation,
  type PlatformEntry,
  type Statement,
} from './platform/platform-writer';
export * from './rls-lint';
// The schema's types for `select` objects and inputs (routers may not import @eventora/db).
export type { Prisma } from '@eventora/db';

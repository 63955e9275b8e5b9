/**
 * @eventora/tenancy/migrations: applies Prisma-format migration folders to every target (the
 * shared database, each clinic schema, each clinic database) with Prisma's own ledger table.
 */
export {
  citusDistributionPlan,
  distributeForCitus,
  hasCitus,
  type CitusTablePlan,
} from './citus-distribution';
export { checksumOf } from './checksum';
export { loadMigrations, type Migration } from './load-migrations';
export { migrateTarget, type TargetReport } from './migrate-target';
export { migrateTargets, type FanOutReport, type TargetFailure } from './migrate-targets';
export {
  freeConnectionBudget,
  migrateFleet,
  migrationsFingerprint,
  serverOf,
  type FleetOptions,
  type FleetReport,
  type FleetServer,
  type FleetTargetResult,
  type FleetTargetStatus,
} from './migrate-fleet';
export { fleetTargets } from './fleet-targets';
export { migrationStatus, type TargetStatus } from './migration-status';
export { MigrationError, type MigrationErrorCode } from './migration-error';
export type { MigrationTarget } from './target';

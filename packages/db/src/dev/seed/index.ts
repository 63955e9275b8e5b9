/**
 * The demo seed (part of @eventora/db/dev): deterministic demo data for development and tests. Never for production:
 * every demo account shares one published password.
 */
export { seed, type SeedOptions, type SeedResult } from './seed';
export {
  bindClinic,
  registerClinic,
  seedClinic,
  type HashPassword,
  type SeedClinicOptions,
  type SeedCounts,
} from './seed-clinic';
export {
  buildClinicRow,
  buildClinicRows,
  clinicIdFor,
  SeedSpecError,
  type ClinicRow,
  type ClinicRows,
} from './build-rows';
export {
  ALPHA,
  BETA,
  GAMMA,
  DEMO_CLINICS,
  DEMO_OPERATOR,
  DEMO_PASSWORD,
  SHARED_CLIENT_EMAIL,
} from './demo-clinics';
export { demoAccounts, type DemoAccount } from './demo-accounts';
export { anchorWeek, localTimeToUtc } from './local-time';
export { seedId, uuidV5 } from './ids';
export type * from './spec';

/**
 * @eventora/tenancy/testing: real-Postgres test databases for integration tests. Add
 * `globalSetup: ['@eventora/tenancy/testing/global-setup']` to the vitest config, then call
 * `createTestDatabase()` in a test file.
 */
export { createClinicFixture, type ClinicFixture } from './clinic-fixtures';
export { createTestDatabase, type TestDatabase } from './create-test-database';
export type { TestServer } from './provided';
export { startSecondServer, type SecondServer } from './second-server';

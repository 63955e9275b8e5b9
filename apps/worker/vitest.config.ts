import { databaseTestConfig } from '@eventora/vitest-config/database';

// Unit tests, and integration tests on a real Postgres (see @eventora/tenancy/testing).
export default databaseTestConfig();

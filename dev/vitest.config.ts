import { defineConfig } from 'vitest/config';

// Every test here needs Postgres: the tenancy harness provides one (DATABASE_URL as a superuser
// URL, or an embedded server) with a migrated template to clone per test file.
export default defineConfig({
  test: {
    pool: 'forks',
    include: ['src/**/*.test.ts'],
    globalSetup: ['@eventora/tenancy/testing/global-setup'],
    // Generous for 2-core CI machines: Argon2 hashing and several databases per file.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    teardownTimeout: 60_000,
  },
});

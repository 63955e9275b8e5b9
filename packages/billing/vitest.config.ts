import { configDefaults, defineConfig } from 'vitest/config';

// `pnpm test` runs both projects. Integration tests (`*.integration.test.ts`) get a real
// Postgres from @eventora/tenancy's global setup: DATABASE_URL (a superuser URL) or an
// embedded server.
export default defineConfig({
  test: {
    pool: 'forks',
    // Generous for 2-core CI machines: a test may create databases and schemas.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    teardownTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts'],
          exclude: [...configDefaults.exclude, '**/*.integration.test.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['src/**/*.integration.test.ts'],
          globalSetup: ['@eventora/tenancy/testing/global-setup'],
        },
      },
    ],
  },
});

import { configDefaults, defineConfig } from 'vitest/config';

/**
 * The vitest configuration of every package with database tests: `pnpm test` runs two
 * projects, `unit` (`*.test.ts`) and `integration` (`*.integration.test.ts`), the latter on a
 * real Postgres from @eventora/tenancy's test harness (DATABASE_URL as a superuser URL, or an
 * embedded server). Timeouts are generous for 2-core CI machines: a test may create databases
 * and schemas and hash many passwords. Plain JavaScript: vitest loads config files with Node.
 */
export function databaseTestConfig() {
  return defineConfig({
    test: {
      pool: 'forks',
      testTimeout: 60_000,
      hookTimeout: 120_000,
      teardownTimeout: 60_000,
      env: {
        // The AWS SDK (backups' S3 store) warns once per process that its 2027 releases need
        // Node 22; docs/operations.md says so. In a test run it would only bury real output.
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      },
      projects: [
        {
          extends: true,
          test: {
            name: 'unit',
            include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
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
}

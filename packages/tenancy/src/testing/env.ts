// The test harness's configuration, read in one place.

/**
 * `DATABASE_URL`: a superuser URL of an existing Postgres to run the tests on. Unset: the
 * harness starts an embedded, throwaway server instead.
 */
export function testServerUrl(): string | undefined {
  return process.env.DATABASE_URL || undefined;
}

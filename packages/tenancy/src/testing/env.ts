// The test harness's configuration, read in one place.

/**
 * `DATABASE_URL`: a superuser URL of an existing Postgres to run the tests on. Unset: the
 * harness starts an embedded, throwaway server instead.
 */
export function testServerUrl(): string | undefined {
  return process.env.DATABASE_URL || undefined;
}

/**
 * `EVENTORA_TEST_SECOND_PG_PORT`: the port of the second, embedded server that multi-server
 * tests start (unset: any free port). Lets a shared machine give each engineer a range.
 */
export function secondServerPort(): number {
  const port = Number(process.env.EVENTORA_TEST_SECOND_PG_PORT ?? 0);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error('EVENTORA_TEST_SECOND_PG_PORT must be a TCP port number.');
  return port;
}

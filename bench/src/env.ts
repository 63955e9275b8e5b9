// The benchmarks' configuration, read in one place.

/**
 * `DATABASE_URL`: a superuser URL of the Postgres server to benchmark on (the bench creates
 * roles and its own database there). Unset: a persistent embedded server in `.data/bench`.
 */
export function benchServerUrl(): string | undefined {
  return process.env.DATABASE_URL || undefined;
}

/** `BENCH_PORTAL_PORT`: where the load benches run the portal (default 3152). */
export function benchPortalPort(): string {
  return process.env.BENCH_PORTAL_PORT || '3152';
}

/** The environment a child process (the portal) inherits, before the bench adds its own. */
export function inheritedEnv(): NodeJS.ProcessEnv {
  return process.env;
}

/** `BENCH_SECOND_PG_PORT`: the second, embedded server of bench:migrate-fleet (default: any free port). */
export function benchSecondServerPort(): number {
  const port = Number(process.env.BENCH_SECOND_PG_PORT ?? 0);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error('BENCH_SECOND_PG_PORT must be a TCP port number.');
  return port;
}

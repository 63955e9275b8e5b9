// The benchmarks' configuration, read in one place.

/**
 * `DATABASE_URL`: a superuser URL of the Postgres server to benchmark on (the bench creates
 * roles and its own database there). Unset: a persistent embedded server in `.data/bench`.
 */
export function benchServerUrl(): string | undefined {
  return process.env.DATABASE_URL || undefined;
}

/**
 * Call latency per clinic and day as a histogram: counts per bucket, so a day's counts from
 * several processes (and procedure kinds) add up, and a percentile can be read from the sum.
 * Exact durations are not kept (a day's calls would be unbounded).
 *
 * The bounds are part of the stored data (`api_request_stats.latency_buckets`): element i counts
 * calls of at most LATENCY_BUCKETS_MS[i] ms, the last element the slower ones. Change them only
 * with a new column, or old days read wrong.
 */
export const LATENCY_BUCKETS_MS = [
  5, 10, 25, 50, 75, 100, 150, 200, 300, 500, 750, 1_000, 1_500, 2_500, 5_000, 10_000,
] as const;

/** Elements of a histogram: one per bound and one for calls slower than the last bound. */
export const LATENCY_BUCKET_COUNT = LATENCY_BUCKETS_MS.length + 1;

/** The bucket a call of `ms` milliseconds falls in. */
export function latencyBucket(ms: number): number {
  for (let index = 0; index < LATENCY_BUCKETS_MS.length; index += 1) {
    if (ms <= LATENCY_BUCKETS_MS[index]!) return index;
  }
  return LATENCY_BUCKETS_MS.length;
}

/** Adds `more` into `into`, element by element (either may be shorter: an old, empty row). */
export function addHistograms(into: number[], more: readonly (number | bigint)[]): number[] {
  for (let index = 0; index < more.length; index += 1) {
    into[index] = (into[index] ?? 0) + Number(more[index]);
  }
  return into;
}

/**
 * The `quantile` (0.95 for p95) of the calls counted, in ms, interpolated linearly inside the
 * bucket it falls in (as Prometheus' histogram_quantile does); calls slower than the last bound
 * read as that bound. Null when nothing was counted.
 */
export function latencyQuantile(buckets: readonly number[], quantile: number): number | null {
  const total = buckets.reduce((sum, count) => sum + count, 0);
  if (total === 0) return null;
  const rank = quantile * total;
  let below = 0;
  for (let index = 0; index < buckets.length; index += 1) {
    const count = buckets[index] ?? 0;
    if (count > 0 && below + count >= rank) {
      if (index >= LATENCY_BUCKETS_MS.length) return LATENCY_BUCKETS_MS.at(-1)!;
      const lower = index === 0 ? 0 : LATENCY_BUCKETS_MS[index - 1]!;
      const upper = LATENCY_BUCKETS_MS[index]!;
      return lower + ((upper - lower) * (rank - below)) / count;
    }
    below += count;
  }
  return LATENCY_BUCKETS_MS.at(-1)!;
}

import { describe, expect, it } from 'vitest';

import {
  addHistograms,
  LATENCY_BUCKET_COUNT,
  latencyBucket,
  latencyQuantile,
} from './latency-histogram';

function histogramOf(durations: number[]): number[] {
  const buckets = Array<number>(LATENCY_BUCKET_COUNT).fill(0);
  for (const ms of durations) buckets[latencyBucket(ms)]! += 1;
  return buckets;
}

describe('latency histogram', () => {
  it('puts a call on a bound in that bound’s bucket and a slower one in the next', () => {
    expect(latencyBucket(0.3)).toBe(0);
    expect(latencyBucket(5)).toBe(0);
    expect(latencyBucket(5.01)).toBe(1);
    expect(latencyBucket(10_000)).toBe(LATENCY_BUCKET_COUNT - 2);
    expect(latencyBucket(60_000)).toBe(LATENCY_BUCKET_COUNT - 1);
  });

  it('reads p95 at the top of the bucket the 95th of 100 calls ends', () => {
    // 95 calls of 40 ms (bucket 25–50) and 5 of 900 ms: the 95th call is the last fast one.
    const buckets = histogramOf([...Array<number>(95).fill(40), ...Array<number>(5).fill(900)]);
    expect(latencyQuantile(buckets, 0.95)).toBe(50);
    // One more slow call moves the 95th rank into the slow bucket (750–1000 ms).
    const slower = histogramOf([...Array<number>(94).fill(40), ...Array<number>(6).fill(900)]);
    expect(latencyQuantile(slower, 0.95)).toBeCloseTo(750 + (250 * (95 - 94)) / 6, 6);
  });

  it('has no percentile for a day without calls', () => {
    expect(latencyQuantile(histogramOf([]), 0.95)).toBeNull();
    expect(latencyQuantile([], 0.95)).toBeNull();
  });

  it('reads calls slower than the last bound as that bound', () => {
    expect(latencyQuantile(histogramOf([30_000, 40_000]), 0.95)).toBe(10_000);
  });

  it('adds histograms of different lengths (an old row holds none)', () => {
    expect(addHistograms([], [1n, 2n])).toEqual([1, 2]);
    expect(addHistograms([1, 1, 1], [2, 3])).toEqual([3, 4, 1]);
  });
});

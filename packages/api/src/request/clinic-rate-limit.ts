/**
 * Fair share between clinics: a token bucket per clinic, in this process. Each API call of a
 * clinic takes one token; the bucket refills at the clinic's rate (its registry row's
 * `request_rate_per_second`, or the deployment's default) and holds at most `burstSeconds` of
 * it, so short bursts pass and a sustained flood from one clinic is refused with 429 while
 * every other clinic's bucket is untouched.
 *
 * Per process: with several portal processes behind a balancer each enforces the rate on its
 * share of the traffic (set the rates for one process's share).
 */
export interface ClinicRateLimiterOptions {
  /** Calls per second for clinics without a rate of their own. */
  defaultRatePerSecond: number;
  /** How many seconds of the rate a quiet clinic may spend at once (default 2). */
  burstSeconds?: number;
  /** Milliseconds since some fixed point; tests move it. */
  now?: () => number;
}

export type RateVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

interface Bucket {
  tokens: number;
  updatedAt: number;
}

/** Buckets of clinics idle this long are full again and can be forgotten. */
const IDLE_FORGET_MS = 60_000;
const MAX_BUCKETS = 100_000;

export class ClinicRateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly burstSeconds: number;
  private readonly now: () => number;

  constructor(private readonly options: ClinicRateLimiterOptions) {
    this.burstSeconds = options.burstSeconds ?? 2;
    this.now = options.now ?? (() => performance.now());
  }

  /** Takes one call's token from the clinic's bucket, or says how long until one is there. */
  take(clinicId: string, ratePerSecond: number | null): RateVerdict {
    const rate = ratePerSecond ?? this.options.defaultRatePerSecond;
    const capacity = Math.max(1, rate * this.burstSeconds);
    const now = this.now();
    let bucket = this.buckets.get(clinicId);
    if (!bucket) {
      if (this.buckets.size >= MAX_BUCKETS) this.forgetIdle(now);
      bucket = { tokens: capacity, updatedAt: now };
      this.buckets.set(clinicId, bucket);
    } else {
      bucket.tokens = Math.min(capacity, bucket.tokens + ((now - bucket.updatedAt) / 1000) * rate);
      bucket.updatedAt = now;
    }
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true };
    }
    return {
      allowed: false,
      retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / rate)),
    };
  }

  private forgetIdle(now: number): void {
    for (const [clinicId, bucket] of this.buckets) {
      if (now - bucket.updatedAt > IDLE_FORGET_MS) this.buckets.delete(clinicId);
    }
  }
}

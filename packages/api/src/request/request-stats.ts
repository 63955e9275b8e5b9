import type { TRPCError } from '@trpc/server';
import type { PlatformClient } from '@eventora/auth';

import { toTRPCError } from '../errors/to-trpc-error';
import type { ApiServices } from '../services';
import { addHistograms, LATENCY_BUCKET_COUNT, latencyBucket } from './latency-histogram';

/**
 * API calls per clinic for the console's health charts.
 *
 * Each call of a clinic's procedure adds one to an in-memory counter keyed by (UTC day, clinic,
 * procedure kind), and one to that key's latency histogram (request/latency-histogram.ts): a Map
 * lookup, no I/O on the request path. The counters are added to the
 * control-plane table `api_request_stats` in one upsert per flush, through the stats writer (the
 * portal's eventora_portal_stats role, or the console's platform client):
 * never on the tenant tables' RLS path, never inside a request's transaction. Memory is bounded
 * (a flush starts early when many rows wait; past MAX_PENDING_KEYS new rows are dropped), and a
 * failed flush keeps its counts for the next try rather than failing requests. Counts of the
 * last FLUSH_INTERVAL_MS are lost if the process dies: health figures, not billing.
 */
export const FLUSH_INTERVAL_MS = 10_000;
/** Rows (day, clinic, kind) that may wait; past FLUSH_EARLY_KEYS a flush starts at once. */
export const MAX_PENDING_KEYS = 2_000;
const FLUSH_EARLY_KEYS = 1_000;
const DAY_MS = 86_400_000;

export type ProcedureKind = 'query' | 'mutation' | 'subscription';
export type CallOutcome = 'ok' | 'error' | 'server_error';

interface Counts {
  requests: number;
  errors: number;
  serverErrors: number;
  /** Calls per latency bucket (LATENCY_BUCKET_COUNT elements). */
  latency: number[];
}

export class RequestStatsRecorder {
  private pending = new Map<string, Counts>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private inFlight: Promise<void> = Promise.resolve();
  private failing = false;
  private flushQueued = false;
  /** Calls not counted because the buffer was full. */
  dropped = 0;

  constructor(
    private readonly writer: Pick<PlatformClient, '$executeRawUnsafe'>,
    private readonly now: () => Date,
    private readonly log: (message: string) => void = (message) => console.warn(message),
  ) {}

  /**
   * Counts one call that took `durationMs`. Cheap and synchronous: the request never waits for
   * the database.
   */
  record(clinicId: string, kind: ProcedureKind, outcome: CallOutcome, durationMs: number): void {
    // The UTC day as a number: formatting a date on every call costs microseconds.
    const key = `${Math.floor(this.now().getTime() / DAY_MS)}|${clinicId}|${kind}`;
    let counts = this.pending.get(key);
    if (!counts) {
      if (this.pending.size >= MAX_PENDING_KEYS) {
        // Full (the database has been away a while): drop rather than grow.
        this.dropped += 1;
        return;
      }
      counts = {
        requests: 0,
        errors: 0,
        serverErrors: 0,
        latency: Array<number>(LATENCY_BUCKET_COUNT).fill(0),
      };
      this.pending.set(key, counts);
    }
    counts.requests += 1;
    counts.latency[latencyBucket(durationMs)]! += 1;
    if (outcome !== 'ok') counts.errors += 1;
    if (outcome === 'server_error') counts.serverErrors += 1;

    // Early flushes only while the database answers; when it does not, the timer retries.
    if (this.pending.size >= FLUSH_EARLY_KEYS && !this.flushQueued && !this.failing) {
      void this.flush();
    } else {
      this.timer ??= setTimeout(() => void this.flush(), FLUSH_INTERVAL_MS).unref();
    }
  }

  /** Rows waiting for the next flush. */
  get pendingRows(): number {
    return this.pending.size;
  }

  /** Adds the pending counts to the table now (tests, shutdown). Flushes run one at a time. */
  flush(): Promise<void> {
    this.flushQueued = true;
    this.inFlight = this.inFlight.then(() => this.write());
    return this.inFlight;
  }

  private async write(): Promise<void> {
    this.flushQueued = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pending.size === 0) return;
    const batch = this.pending;
    this.pending = new Map();

    const values: string[] = [];
    const params: (string | number)[] = [];
    for (const [key, counts] of batch) {
      const [dayNumber, clinicId, kind] = key.split('|') as [string, string, string];
      const day = new Date(Number(dayNumber) * DAY_MS).toISOString().slice(0, 10);
      const at = params.length;
      values.push(
        `($${at + 1}::date, $${at + 2}::uuid, $${at + 3}, $${at + 4}::bigint, $${at + 5}::bigint, $${at + 6}::bigint, $${at + 7}::bigint[])`,
      );
      params.push(
        day,
        clinicId,
        kind,
        counts.requests,
        counts.errors,
        counts.serverErrors,
        `{${counts.latency.join(',')}}`,
      );
    }
    try {
      await this.writer.$executeRawUnsafe(
        `INSERT INTO "api_request_stats" ("day", "target_clinic_id", "procedure_kind", "requests", "errors", "server_errors", "latency_buckets")
         VALUES ${values.join(', ')}
         ON CONFLICT ("day", "target_clinic_id", "procedure_kind") DO UPDATE SET
           "requests" = "api_request_stats"."requests" + EXCLUDED."requests",
           "errors" = "api_request_stats"."errors" + EXCLUDED."errors",
           "server_errors" = "api_request_stats"."server_errors" + EXCLUDED."server_errors",
           -- element by element; unnest pads the shorter array (a row older than the histogram)
           "latency_buckets" = ARRAY(
             SELECT coalesce(kept, 0) + coalesce(added, 0)
               FROM unnest("api_request_stats"."latency_buckets", EXCLUDED."latency_buckets")
                    WITH ORDINALITY AS buckets(kept, added, position)
              ORDER BY position)`,
        ...params,
      );
    } catch (error) {
      // Keep the counts for the next flush (within the bound): health figures must never fail
      // or slow a clinic's requests.
      for (const [key, counts] of batch) {
        if (this.pending.size >= MAX_PENDING_KEYS) break;
        const current = this.pending.get(key);
        if (current) {
          current.requests += counts.requests;
          current.errors += counts.errors;
          current.serverErrors += counts.serverErrors;
          addHistograms(current.latency, counts.latency);
        } else {
          this.pending.set(key, counts);
        }
      }
      // Logged once per outage, and retried with the next recorded call, not on a timer of its
      // own: a recorder whose database is gone (a test's, after it ends) stays quiet.
      if (!this.failing)
        this.log(`[api] request stats not saved, kept for the next try: ${String(error)}`);
      this.failing = true;
      return;
    }
    this.failing = false;
  }
}

/** One recorder per services object (per process in the apps; per test kit in tests). */
const recorders = new WeakMap<ApiServices, RequestStatsRecorder>();

export function requestStatsRecorder(services: ApiServices): RequestStatsRecorder {
  let recorder = recorders.get(services);
  if (!recorder) {
    recorder = new RequestStatsRecorder(services.statsWriter ?? services.platform, services.now);
    recorders.set(services, recorder);
  }
  return recorder;
}

/** Adds what this process counted so far to `api_request_stats` (tests, shutdown). */
export function flushRequestStats(services: ApiServices): Promise<void> {
  return requestStatsRecorder(services).flush();
}

/** What a finished call counts as: its error after the API's one error mapping. */
export function callOutcome(result: { ok: true } | { ok: false; error: TRPCError }): CallOutcome {
  if (result.ok) return 'ok';
  const { error } = result;
  const code =
    error.code === 'INTERNAL_SERVER_ERROR' && error.cause
      ? toTRPCError(error.cause).code
      : error.code;
  return code === 'INTERNAL_SERVER_ERROR' ? 'server_error' : 'error';
}

/**
 * The hook trpc.ts calls once per call of a clinic's procedure (after `bindRequestClinic` ran
 * it). Never throws: counting must not change an answer.
 */
export function recordClinicCall(
  services: ApiServices,
  clinicId: string,
  kind: ProcedureKind,
  result: { ok: true } | { ok: false; error: TRPCError },
  durationMs: number,
): void {
  try {
    requestStatsRecorder(services).record(clinicId, kind, callOutcome(result), durationMs);
  } catch (error) {
    console.warn(`[api] request not counted: ${String(error)}`);
  }
}

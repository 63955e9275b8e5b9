-- Latency per clinic per day, for the console's per-clinic dashboards (issue 16).
--
-- api_request_stats gains a histogram of call durations: element i counts the calls of that day,
-- clinic and procedure kind that took at most the i-th bound of LATENCY_BUCKETS_MS
-- (packages/api/src/request/latency-histogram.ts; the last element counts the slower ones). The
-- recorder adds its in-memory histogram element by element in its one upsert per flush, so the
-- request path still does no I/O. Rows written before this column hold an empty array.
ALTER TABLE "api_request_stats" ADD COLUMN "latency_buckets" BIGINT[] NOT NULL DEFAULT '{}';

-- The portal's stats role adds to the histogram like it adds to the counts (see
-- 20261203200000_portal_stats_role): the upsert reads and updates this column too.
GRANT UPDATE ("latency_buckets") ON "api_request_stats" TO eventora_portal_stats;
GRANT SELECT ("latency_buckets") ON "api_request_stats" TO eventora_portal_stats;

-- The daily rollup keeps each day's 95th percentile (from the histogram; null: no calls that
-- day or none recorded with latency) and the server errors (5xx) beside all errors, so the
-- console's clinic page draws latency and error rates without reading the raw stats.
ALTER TABLE "clinic_usage_daily"
    ADD COLUMN "api_server_errors" BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN "latency_p95_ms" DOUBLE PRECISION;

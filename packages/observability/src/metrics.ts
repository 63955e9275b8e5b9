import { createServer } from 'node:http';
import type { Server } from 'node:http';

import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

import { ClinicLabels } from './clinic-labels';

/** Latency buckets (seconds): 5 ms to 10 s. */
const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

function createMetrics(topClinics: number) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const clinicSeries: { remove(labels: { clinic: string }): void }[] = [];
  const clinicLabels = new ClinicLabels(topClinics, 60_000, Date.now, (slug) => {
    for (const metric of clinicSeries) metric.remove({ clinic: slug });
  });
  const apiCalls = new Counter({
    name: 'eventora_api_calls_total',
    help: 'tRPC calls by procedure and outcome (ok or the error code).',
    labelNames: ['procedure', 'outcome'] as const,
    registers: [registry],
  });
  const apiDuration = new Histogram({
    name: 'eventora_api_call_duration_seconds',
    help: 'tRPC call latency by procedure.',
    labelNames: ['procedure'] as const,
    buckets: BUCKETS,
    registers: [registry],
  });
  const clinicCalls = new Counter({
    name: 'eventora_clinic_api_calls_total',
    help: 'tRPC calls by clinic (top clinics by traffic, the rest as "other") and outcome (ok or error).',
    labelNames: ['clinic', 'outcome'] as const,
    registers: [registry],
  });
  const clinicDuration = new Histogram({
    name: 'eventora_clinic_api_call_duration_seconds',
    help: 'tRPC call latency by clinic (top clinics by traffic, the rest as "other").',
    labelNames: ['clinic'] as const,
    buckets: BUCKETS,
    registers: [registry],
  });
  const jobs = new Counter({
    name: 'eventora_jobs_total',
    help: 'Jobs run by kind and outcome (ok or error).',
    labelNames: ['job', 'outcome'] as const,
    registers: [registry],
  });
  const jobDuration = new Histogram({
    name: 'eventora_job_duration_seconds',
    help: 'Job run time by kind.',
    labelNames: ['job'] as const,
    buckets: BUCKETS,
    registers: [registry],
  });
  clinicSeries.push(clinicCalls, clinicDuration);
  return {
    registry,
    clinicLabels,
    apiCalls,
    apiDuration,
    clinicCalls,
    clinicDuration,
    jobs,
    jobDuration,
  };
}

type Metrics = ReturnType<typeof createMetrics>;

// One set per process, kept on globalThis: Next.js bundles route handlers separately and
// reloads modules in development, and prom-client refuses a metric name registered twice.
const store = globalThis as typeof globalThis & { eventoraMetrics?: Metrics };

/**
 * Turns metrics on for this process (startObservability does, when METRICS_PORT is set), with
 * `topClinics` clinics labelled by name (METRICS_TOP_CLINICS). Until then recording is a no-op.
 */
export function enableMetrics({ topClinics }: { topClinics: number }): Registry {
  store.eventoraMetrics ??= createMetrics(topClinics);
  return store.eventoraMetrics.registry;
}

/** Records one tRPC call: `outcome` is `ok` or its error code. */
export function recordApiCall(call: {
  procedure: string;
  clinicSlug?: string;
  outcome: string;
  seconds: number;
}): void {
  const m = store.eventoraMetrics;
  if (!m) return;
  m.apiCalls.inc({ procedure: call.procedure, outcome: call.outcome });
  m.apiDuration.observe({ procedure: call.procedure }, call.seconds);
  if (call.clinicSlug) {
    const clinic = m.clinicLabels.label(call.clinicSlug);
    m.clinicCalls.inc({ clinic, outcome: call.outcome === 'ok' ? 'ok' : 'error' });
    m.clinicDuration.observe({ clinic }, call.seconds);
  }
}

/** Records one job run. */
export function recordJob(run: { job: string; outcome: 'ok' | 'error'; seconds: number }): void {
  const m = store.eventoraMetrics;
  if (!m) return;
  m.jobs.inc({ job: run.job, outcome: run.outcome });
  m.jobDuration.observe({ job: run.job }, run.seconds);
}

/**
 * A gauge read at scrape time from `read` (pool sizes, queue depth, move progress): the owner
 * of the figure registers it once; nothing is sampled between scrapes. No-op with metrics off.
 */
export function gaugeFrom<L extends string>(definition: {
  name: string;
  help: string;
  labelNames: readonly L[];
  read: () =>
    | Iterable<{ labels: Record<L, string>; value: number }>
    | Promise<Iterable<{ labels: Record<L, string>; value: number }>>;
}): void {
  const registry = store.eventoraMetrics?.registry;
  if (!registry) return;
  registry.removeSingleMetric(definition.name);
  const gauge: Gauge<L> = new Gauge<L>({
    name: definition.name,
    help: definition.help,
    labelNames: definition.labelNames,
    registers: [registry],
    async collect() {
      gauge.reset();
      for (const { labels, value } of await definition.read()) gauge.set(labels, value);
    },
  });
}

/**
 * Serves `GET /metrics` (Prometheus text format) on its own listener, meant for an internal
 * interface: the apps' public port never exposes it.
 */
export function startMetricsServer({
  port,
  host,
  registry,
}: {
  port: number;
  host: string;
  registry: Registry;
}): Promise<Server> {
  const server = createServer((request, response) => {
    if (request.method !== 'GET' || request.url !== '/metrics') {
      response.writeHead(404).end();
      return;
    }
    registry.metrics().then(
      (text) => response.writeHead(200, { 'content-type': registry.contentType }).end(text),
      () => response.writeHead(500).end(),
    );
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}

import { z } from 'zod';

/**
 * Observability settings shared by every process (portal, console, worker). Unset, a process
 * logs JSON at `info` (pretty in development), traces nothing and serves no metrics port.
 */
export const ZObservabilityEnv = z.object({
  /** pino level: fatal, error, warn, info, debug, trace or silent. */
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** `json` (one line per event) or `pretty` (colours, for people). Default: pretty in development. */
  LOG_FORMAT: z.enum(['json', 'pretty']).optional(),
  /**
   * More log fields to redact, comma-separated pino paths (`body.iban,*.phone`), on top of the
   * built-in list of secrets and personal data (see redaction.ts).
   */
  LOG_REDACT: z
    .string()
    .transform((text) =>
      text
        .split(',')
        .map((path) => path.trim())
        .filter(Boolean),
    )
    .optional(),
  /**
   * OTLP/HTTP collector, e.g. http://otel-collector:4318. Set: spans are exported there;
   * unset: tracing is off and costs nothing.
   */
  OTEL_EXPORTER_OTLP_ENDPOINT: z.url().optional(),
  /**
   * The fraction of requests traced (parent-based: a sampled parent keeps its children; a
   * trusted upstream's sampling decision is kept). One in ten by default: exporting every request's
   * spans costs the request path more than its budget (docs/performance.md); set 1 to trace
   * every request while investigating. Logs and metrics see every request whatever this says.
   */
  OTEL_TRACES_SAMPLER_ARG: z.coerce.number().min(0).max(1).default(0.1),
  /** Overrides the process' service name in traces (eventora-web, eventora-console, …). */
  OTEL_SERVICE_NAME: z.string().min(1).optional(),
  /**
   * Accept an incoming W3C `traceparent` header as the request's trace and request id. Only
   * behind a proxy that sets or strips it (otherwise any client picks its own request id).
   */
  TRUST_TRACEPARENT: z.enum(['0', '1']).default('0'),
  /** Prometheus endpoint port (`/metrics`), on its own listener; unset: no endpoint. */
  METRICS_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  /** Interface the metrics listener binds (keep it internal). */
  METRICS_HOST: z.string().min(1).default('127.0.0.1'),
  /** Clinics with their own label in per-clinic series; the rest are counted as `other`. */
  METRICS_TOP_CLINICS: z.coerce.number().int().min(0).max(500).default(20),
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
});

export type ObservabilityEnv = z.infer<typeof ZObservabilityEnv>;

/** Parses the observability settings from the environment; a bad value names the variable. */
export function observabilityEnv(
  source: Record<string, string | undefined> = process.env,
): ObservabilityEnv {
  const result = ZObservabilityEnv.safeParse(source);
  if (!result.success) {
    const names = result.error.issues.map((issue) => issue.path.join('.')).join(', ');
    throw new Error(`Invalid observability configuration: ${names}. See docs/operations.md.`);
  }
  return result.data;
}

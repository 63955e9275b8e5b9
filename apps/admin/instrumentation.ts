/**
 * Runs once per server process before it serves anything (Next.js' instrumentation hook):
 * starts the logger, tracing (when OTEL_EXPORTER_OTLP_ENDPOINT is set) and the metrics listener
 * (when METRICS_PORT is set). See docs/operations.md.
 */
export async function register() {
  // eslint-disable-next-line no-restricted-properties -- Next.js inlines NEXT_RUNTIME per bundle
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { processObservability } = await import('@eventora/observability');
  processObservability('console');
}

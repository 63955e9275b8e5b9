/**
 * Runs once when the server process starts, before it serves anything (Next.js
 * instrumentation):
 * - stamps every request with the client's address as the server saw it, so throttles and
 *   audit entries never trust an address a client wrote (@eventora/api's
 *   request/client-address-stamp.ts);
 * - starts the logger, tracing (when OTEL_EXPORTER_OTLP_ENDPOINT is set) and the metrics
 *   listener (when METRICS_PORT is set); see docs/operations.md.
 */
export async function register(): Promise<void> {
  // Read inline, not through a helper: Next.js replaces NEXT_RUNTIME per bundle, so the edge
  // bundle drops the Node-only imports below (argon2 and pg cannot be bundled for the edge).
  // eslint-disable-next-line no-restricted-properties -- see above
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const [{ stampClientAddresses }, { trustedProxyHops }, { processObservability }] =
    await Promise.all([
      import('@eventora/api/client-address-stamp'),
      import('~/server/env'),
      import('@eventora/observability'),
    ]);
  stampClientAddresses({ trustedProxyHops: trustedProxyHops() });
  processObservability('web');
}

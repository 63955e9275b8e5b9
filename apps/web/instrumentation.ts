import { isNodeRuntime, trustedProxyHops } from '~/server/env';

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
  if (!isNodeRuntime()) return;
  const { stampClientAddresses } = await import('@eventora/api/client-address-stamp');
  stampClientAddresses({ trustedProxyHops: trustedProxyHops() });
  const { processObservability } = await import('@eventora/observability');
  processObservability('web');
}

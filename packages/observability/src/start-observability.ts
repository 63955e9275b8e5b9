import type { Server } from 'node:http';

import { observabilityEnv, type ObservabilityEnv } from './env';
import { createLogger, type Logger } from './logger';
import { enableMetrics, startMetricsServer } from './metrics';
import { startTracing } from './tracing';

export interface ProcessObservability {
  logger: Logger;
  env: ObservabilityEnv;
  /** Flushes spans and closes the metrics listener. */
  stop(): Promise<void>;
}

/**
 * Everything a process (portal, console, worker) sets up once at start: its logger, tracing
 * when OTEL_EXPORTER_OTLP_ENDPOINT is set, and the metrics listener when METRICS_PORT is set
 * (a listener that cannot start is logged, not fatal: the app keeps serving).
 */
export function startObservability({
  service,
  env,
}: {
  service: string;
  env: ObservabilityEnv;
}): ProcessObservability {
  const logger = createLogger({ service, env });
  const stopTracing = startTracing({ serviceName: `eventora-${service}`, env });
  if (env.OTEL_EXPORTER_OTLP_ENDPOINT) {
    logger.info({ endpoint: env.OTEL_EXPORTER_OTLP_ENDPOINT }, 'traces exported by OTLP');
  }
  let server: Promise<Server | undefined> = Promise.resolve(undefined);
  if (env.METRICS_PORT) {
    const registry = enableMetrics({ topClinics: env.METRICS_TOP_CLINICS });
    const address = { port: env.METRICS_PORT, host: env.METRICS_HOST };
    server = startMetricsServer({ ...address, registry }).then(
      (listening) => {
        logger.info(address, 'metrics listening on /metrics');
        return listening;
      },
      (error: unknown) => {
        logger.error({ ...address, err: error }, 'metrics listener failed to start');
        return undefined;
      },
    );
  }
  return {
    logger,
    env,
    async stop() {
      await stopTracing();
      const listening = await server;
      await new Promise<void>((resolve) =>
        listening ? listening.close(() => resolve()) : resolve(),
      );
    },
  };
}

const store = globalThis as typeof globalThis & { eventoraObservability?: ProcessObservability };

/**
 * The process' observability, started on first use from the environment (Next.js'
 * instrumentation hook and the services both ask; bundles and reloads share one).
 */
export function processObservability(service: string): ProcessObservability {
  store.eventoraObservability ??= startObservability({ service, env: observabilityEnv() });
  return store.eventoraObservability;
}

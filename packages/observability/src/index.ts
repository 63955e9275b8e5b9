export { ZObservabilityEnv, observabilityEnv, type ObservabilityEnv } from './env';
export { createLogger, silentLogger, type Logger, type LoggerOptions } from './logger';
export { REDACTED_FIELDS, REDACTION_CENSOR } from './redaction';
export {
  markSpanFailed,
  newRequestId,
  startTracing,
  traceCarrier,
  traceIdOf,
  tracingEnabled,
  withClinicTag,
  withJobSpan,
  withRequestSpan,
  withSpan,
  type ClinicTag,
  type TraceCarrier,
  type TracingOptions,
} from './tracing';
export { enableMetrics, gaugeFrom, recordApiCall, recordJob, startMetricsServer } from './metrics';
export {
  processObservability,
  startObservability,
  type ProcessObservability,
} from './start-observability';

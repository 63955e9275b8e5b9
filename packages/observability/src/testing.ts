import { Writable } from 'node:stream';

import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';

import { createLogger, type Logger } from './logger';
import { startTracing } from './tracing';

/** A JSON logger whose lines are kept in memory, for tests that read what would be logged. */
export function captureLogs(service = 'test'): {
  logger: Logger;
  text: () => string;
  lines: () => Record<string, unknown>[];
} {
  const chunks: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString('utf8'));
      done();
    },
  });
  const logger = createLogger({
    service,
    env: { LOG_LEVEL: 'trace', LOG_FORMAT: 'json', NODE_ENV: 'test' },
    destination,
  });
  const text = () => chunks.join('');
  return {
    logger,
    text,
    lines: () =>
      text()
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}

/** Records every span in memory (tracing on, whatever the environment says) until `stop`. */
export function captureSpans(): {
  spans: () => ReadableSpan[];
  reset: () => void;
  stop: () => Promise<void>;
} {
  const exporter = new InMemorySpanExporter();
  const stop = startTracing({
    serviceName: 'eventora-test',
    env: { OTEL_TRACES_SAMPLER_ARG: 1 },
    exporter,
  });
  return { spans: () => exporter.getFinishedSpans(), reset: () => exporter.reset(), stop };
}

export type { ReadableSpan };

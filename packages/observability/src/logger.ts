import pino from 'pino';
import type { DestinationStream, Logger } from 'pino';
import pretty from 'pino-pretty';

import type { ObservabilityEnv } from './env';
import { REDACTION_CENSOR, redactionPaths } from './redaction';

export type { Logger } from 'pino';

export interface LoggerOptions {
  /** The process: `web`, `console`, `worker`, … (the `service` field of every line). */
  service: string;
  env: Pick<ObservabilityEnv, 'LOG_LEVEL' | 'LOG_FORMAT' | 'LOG_REDACT' | 'NODE_ENV'>;
  /** Where lines go; stdout by default. Tests hand a stream they read. */
  destination?: DestinationStream;
}

/**
 * The process' logger: one JSON object per line (pretty in development), secrets and personal
 * data redacted by configuration (redaction.ts), errors reduced to type, code, message and
 * stack (a database error's `detail` quotes row values).
 */
export function createLogger({ service, env, destination }: LoggerOptions): Logger {
  const format = env.LOG_FORMAT ?? (env.NODE_ENV === 'development' ? 'pretty' : 'json');
  const stream =
    destination ??
    (format === 'pretty'
      ? pretty({ colorize: process.stdout.isTTY, ignore: 'pid,hostname', sync: true })
      : pino.destination({ dest: 1, sync: false }));
  return pino(
    {
      level: env.LOG_LEVEL,
      base: { service },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: redactionPaths(env.LOG_REDACT), censor: REDACTION_CENSOR },
      serializers: { err: serializeError, error: serializeError },
      formatters: { level: (label) => ({ level: label }) },
    },
    stream,
  );
}

/** A logger that writes nothing (tests and tools that did not ask for logs). */
export const silentLogger: Logger = pino({ level: 'silent' });

interface SerializedError {
  type: string;
  message: string;
  code?: string;
  stack?: string;
  cause?: SerializedError;
}

function serializeError(value: unknown, depth = 0): SerializedError | unknown {
  if (!(value instanceof Error)) return value;
  const code = (value as { code?: unknown }).code;
  return {
    // Subclasses that keep the name "Error" (Stripe's, for one) still say what they are.
    type: value.name === 'Error' ? value.constructor.name : value.name,
    message: value.message,
    ...(typeof code === 'string' ? { code } : {}),
    stack: value.stack,
    ...(value.cause !== undefined && depth < 3
      ? { cause: serializeError(value.cause, depth + 1) as SerializedError }
      : {}),
  };
}

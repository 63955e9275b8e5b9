import { randomBytes } from 'node:crypto';

import {
  context,
  createContextKey,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
} from '@opentelemetry/api';
import type { Attributes, Context, Span } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  BatchSpanProcessor,
  ParentBasedSampler,
  SimpleSpanProcessor,
  TraceIdRatioBasedSampler,
} from '@opentelemetry/sdk-trace-base';
import type { SpanExporter, SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { PrismaInstrumentation } from '@prisma/instrumentation';

import type { ObservabilityEnv } from './env';

/** What spans and log lines say about the clinic a unit of work is bound to. */
export interface ClinicTag {
  id: string;
  slug: string;
  mode: string;
}

const CLINIC_KEY = createContextKey('eventora.clinic');
const tracer = () => trace.getTracer('eventora');
const w3c = new W3CTraceContextPropagator();

let active: { provider: NodeTracerProvider; prisma: PrismaInstrumentation } | undefined;

/** Whether spans are being recorded (OTEL_EXPORTER_OTLP_ENDPOINT set, or a test's exporter). */
export function tracingEnabled(): boolean {
  return active !== undefined;
}

export interface TracingOptions {
  /** `service.name` of every span (OTEL_SERVICE_NAME overrides it). */
  serviceName: string;
  env: Pick<
    ObservabilityEnv,
    'OTEL_EXPORTER_OTLP_ENDPOINT' | 'OTEL_TRACES_SAMPLER_ARG' | 'OTEL_SERVICE_NAME'
  >;
  /** Tests: spans go here, synchronously, whatever the environment says. */
  exporter?: SpanExporter;
}

/**
 * Starts tracing for the process when an OTLP endpoint is configured (or a test hands an
 * exporter): spans of our procedures and jobs, and Prisma's (one per operation and per SQL
 * statement), each tagged with the bound clinic's id and mode. Without an endpoint nothing is
 * registered and the helpers below run the work directly. Returns a stop function.
 */
export function startTracing({ serviceName, env, exporter }: TracingOptions): () => Promise<void> {
  if (active) throw new Error('Tracing is already started in this process.');
  const endpoint = env.OTEL_EXPORTER_OTLP_ENDPOINT;
  if (!exporter && !endpoint) return async () => {};
  const spanExporter =
    exporter ?? new OTLPTraceExporter({ url: `${endpoint!.replace(/\/$/, '')}/v1/traces` });
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': env.OTEL_SERVICE_NAME ?? serviceName }),
    sampler: exporter
      ? undefined
      : new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(env.OTEL_TRACES_SAMPLER_ARG) }),
    spanProcessors: [
      new ClinicTagProcessor(),
      exporter ? new SimpleSpanProcessor(spanExporter) : new BatchSpanProcessor(spanExporter),
    ],
  });
  // No global propagator: an incoming traceparent is honoured only when trusted (startRequest),
  // and Next.js would otherwise adopt any client's header for its own spans.
  provider.register({ propagator: null });
  const prisma = new PrismaInstrumentation();
  prisma.setTracerProvider(provider);
  prisma.enable();
  active = { provider, prisma };
  return async () => {
    if (active?.provider !== provider) return;
    active = undefined;
    prisma.disable();
    await provider.shutdown();
    trace.disable();
    context.disable();
  };
}

/** Copies the bound clinic (from the context a span starts in) onto every span, Prisma's too. */
class ClinicTagProcessor implements SpanProcessor {
  onStart(span: Parameters<SpanProcessor['onStart']>[0], parent: Context): void {
    const clinic = parent.getValue(CLINIC_KEY) as ClinicTag | undefined;
    if (clinic) span.setAttributes(clinicAttributes(clinic));
  }
  onEnd(): void {}
  forceFlush(): Promise<void> {
    return Promise.resolve();
  }
  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}

function clinicAttributes(clinic: ClinicTag): Attributes {
  return { 'clinic.id': clinic.id, 'clinic.slug': clinic.slug, 'clinic.mode': clinic.mode };
}

/**
 * Runs `work` in a span named `name` (the active span meanwhile); an error marks the span
 * failed with the error's type and code, never its message (it may quote data). Free when
 * tracing is off.
 */
export function withSpan<T>(
  name: string,
  attributes: Attributes,
  work: () => Promise<T>,
  options: { kind?: SpanKind; parent?: Context } = {},
): Promise<T> {
  if (!active) return work();
  return tracer().startActiveSpan(
    name,
    { kind: options.kind ?? SpanKind.INTERNAL, attributes },
    options.parent ?? context.active(),
    async (span) => {
      try {
        const result = await work();
        return result;
      } catch (error) {
        markFailed(span, error);
        throw error;
      } finally {
        span.end();
      }
    },
  );
}

/** Marks the active span failed with an error code (a tRPC or domain code), no message. */
export function markSpanFailed(code: string): void {
  if (!active) return;
  trace.getActiveSpan()?.setStatus({ code: SpanStatusCode.ERROR, message: code });
  trace.getActiveSpan()?.setAttribute('error.type', code);
}

function markFailed(span: Span, error: unknown): void {
  const code = (error as { code?: unknown } | null)?.code;
  const type = typeof code === 'string' ? code : error instanceof Error ? error.name : 'Error';
  span.setStatus({ code: SpanStatusCode.ERROR, message: type });
  span.setAttribute('error.type', type);
}

/**
 * Runs `work` with `clinic` tagged on the active span and on every span started inside it
 * (clinic.id, clinic.slug, clinic.mode). Free when tracing is off.
 */
export function withClinicTag<T>(clinic: ClinicTag, work: () => T): T {
  if (!active) return work();
  trace.getActiveSpan()?.setAttributes(clinicAttributes(clinic));
  return context.with(context.active().setValue(CLINIC_KEY, clinic), work);
}

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}$/;

/** The trace id of a well-formed W3C traceparent (not all zeros), or undefined. */
export function traceIdOf(traceparent: string | null | undefined): string | undefined {
  const match = traceparent ? TRACEPARENT.exec(traceparent.trim()) : null;
  if (!match || /^0+$/.test(match[1]!) || /^0+$/.test(match[2]!)) return undefined;
  return match[1];
}

/** A fresh request id in the W3C trace-id format (32 hex digits), so it can name a trace. */
export function newRequestId(): string {
  return randomBytes(16).toString('hex');
}

/**
 * Runs one incoming request in a server span and hands it its request id: the trace id, which
 * comes from the caller's `traceparent` when `trusted` (our proxy sets it), otherwise is new.
 */
export function withRequestSpan<T>(
  name: string,
  { traceparent, trusted }: { traceparent: string | null; trusted: boolean },
  work: (requestId: string) => Promise<T>,
): Promise<T> {
  const incoming = trusted ? traceIdOf(traceparent) : undefined;
  if (!active) return work(incoming ?? newRequestId());
  const parent = incoming
    ? w3c.extract(ROOT_CONTEXT, { traceparent }, headerGetter)
    : // Not trusted: a new trace, detached from whatever the framework started.
      trace.deleteSpan(context.active());
  return withSpan(
    name,
    {},
    () => work(trace.getActiveSpan()?.spanContext().traceId ?? newRequestId()),
    { kind: SpanKind.SERVER, parent },
  );
}

const headerGetter = {
  get: (carrier: Record<string, string | null>, key: string) => carrier[key] ?? undefined,
  keys: (carrier: Record<string, string | null>) => Object.keys(carrier),
};

/** What a job carries from the request that enqueued it: W3C trace context and the request id. */
export interface TraceCarrier {
  traceparent?: string;
  requestId?: string;
}

/** The current trace context, to store with a job being enqueued. */
export function traceCarrier(requestId?: string): TraceCarrier {
  const carrier: Record<string, string> = {};
  if (active) w3c.inject(context.active(), carrier, { set: (c, k, v) => (c[k] = v) });
  return {
    ...(carrier.traceparent ? { traceparent: carrier.traceparent } : {}),
    ...(requestId ? { requestId } : {}),
  };
}

/** Runs a job in a consumer span that continues the trace of the request that enqueued it. */
export function withJobSpan<T>(
  name: string,
  carrier: TraceCarrier | undefined,
  attributes: Attributes,
  work: () => Promise<T>,
): Promise<T> {
  if (!active) return work();
  const parent = carrier?.traceparent
    ? w3c.extract(ROOT_CONTEXT, { traceparent: carrier.traceparent }, headerGetter)
    : ROOT_CONTEXT;
  return withSpan(name, attributes, work, { kind: SpanKind.CONSUMER, parent });
}

import { afterEach, describe, expect, it } from 'vitest';

import { captureSpans } from './testing';
import {
  traceCarrier,
  traceIdOf,
  tracingEnabled,
  withClinicTag,
  withJobSpan,
  withRequestSpan,
  withSpan,
} from './tracing';

const TRACEPARENT = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

describe('tracing', () => {
  let stop: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await stop?.();
    stop = undefined;
  });

  it('reads the trace id of a well-formed traceparent only', () => {
    expect(traceIdOf(TRACEPARENT)).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
    expect(traceIdOf('00-00000000000000000000000000000000-00f067aa0ba902b7-01')).toBeUndefined();
    expect(traceIdOf('garbage')).toBeUndefined();
    expect(traceIdOf(null)).toBeUndefined();
  });

  it('off (no endpoint): work runs directly and a request still gets an id', async () => {
    expect(tracingEnabled()).toBe(false);
    const id = await withRequestSpan(
      'POST /api/trpc',
      { traceparent: null, trusted: false },
      async (requestId) => requestId,
    );
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    expect(await withSpan('x', {}, async () => 42)).toBe(42);
    expect(traceCarrier('r1')).toEqual({ requestId: 'r1' });
  });

  it('tags every span started under a clinic with clinic.id and clinic.mode, and carries the trace to a job', async () => {
    const capture = captureSpans();
    stop = capture.stop;
    const clinic = { id: '0d9a3c6e-0000-4000-8000-000000000001', slug: 'alpha', mode: 'schema' };
    let carrier = {};
    const requestId = await withRequestSpan(
      'POST /api/trpc',
      { traceparent: TRACEPARENT, trusted: true },
      async (id) => {
        await withSpan('trpc reservation.create', {}, () =>
          withClinicTag(clinic, () =>
            withSpan('inner', {}, async () => {
              carrier = traceCarrier(id);
            }),
          ),
        );
        return id;
      },
    );
    expect(requestId).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
    await withJobSpan('job reminder', carrier, {}, async () => undefined);

    const spans = capture.spans();
    const byName = new Map(spans.map((span) => [span.name, span]));
    expect(byName.get('inner')!.attributes).toMatchObject({
      'clinic.id': clinic.id,
      'clinic.mode': 'schema',
    });
    expect(byName.get('trpc reservation.create')!.attributes).toMatchObject({
      'clinic.id': clinic.id,
    });
    expect(byName.get('POST /api/trpc')!.attributes['clinic.id']).toBeUndefined();
    for (const span of spans) expect(span.spanContext().traceId).toBe(requestId);
    expect(byName.get('job reminder')!.parentSpanContext?.spanId).toBe(
      byName.get('inner')!.spanContext().spanId,
    );
  });

  it('a failed span records the error code, not the message', async () => {
    const capture = captureSpans();
    stop = capture.stop;
    await expect(
      withSpan('failing', {}, async () => {
        throw Object.assign(new Error('mara@example.test is taken'), { code: 'CONFLICT' });
      }),
    ).rejects.toThrow();
    const [span] = capture.spans();
    expect(span!.status).toEqual({ code: 2, message: 'CONFLICT' });
    expect(JSON.stringify(span!.attributes)).not.toContain('mara');
  });
});

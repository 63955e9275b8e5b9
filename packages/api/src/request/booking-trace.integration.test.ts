import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureSpans, type ReadableSpan } from '@eventora/observability/testing';

import { createApiTestKit, type ApiTestKit, type TestClinic } from '../testing/api-test-kit';
import { addClient, addSchedule, MADRID_DAILY } from '../testing/booking-test-setup';

const NOW = new Date('2026-03-16T08:00:00Z');

describe('traces', () => {
  let kit: ApiTestKit;
  let gamma: TestClinic;
  let capture: ReturnType<typeof captureSpans>;

  beforeAll(async () => {
    kit = await createApiTestKit();
    gamma = await kit.addClinic('gamma', 'schema');
    kit.setNow(NOW);
    capture = captureSpans();
  });
  afterAll(async () => {
    await capture?.stop();
    await kit?.close();
  });

  it('one booking over HTTP is one trace: request, procedure, Prisma operations and SQL statements, all tagged with the clinic', async () => {
    const { branchId, therapistId } = await addSchedule(gamma, MADRID_DAILY);
    const client = await addClient(kit, gamma, [
      { credits: 1, expiresAt: new Date('2026-12-01T00:00:00Z') },
    ]);
    capture.reset();
    const booked = await kit.http(
      'gamma',
      'reservation.create',
      { therapistId, branchId, startsAt: '2026-03-30T09:00:00+02:00' },
      { token: client.token },
    );
    expect(booked.status).toBe(200);

    const spans = capture.spans();
    const childrenOf = (span: ReadableSpan) =>
      spans.filter((other) => other.parentSpanContext?.spanId === span.spanContext().spanId);
    const [root, ...others] = spans.filter((span) => span.name === 'POST /api/trpc');
    expect(others).toEqual([]);
    expect(root!.spanContext().traceId).toBe(booked.headers.get('x-request-id'));
    for (const span of spans) expect(span.spanContext().traceId).toBe(root!.spanContext().traceId);

    const [procedure] = childrenOf(root!);
    expect(procedure!.name).toBe('trpc reservation.create');
    const steps = childrenOf(procedure!).map(
      (span) => `${span.name} ${span.attributes.name ?? ''}`,
    );
    expect(steps).toEqual([
      'prisma:client:operation Session.findFirst',
      'prisma:client:transaction ',
    ]);
    const transaction = childrenOf(procedure!)[1]!;
    const operations = childrenOf(transaction).map((span) => span.attributes.name);
    expect(operations).toEqual(expect.arrayContaining(['Reservation.create', 'AuditLog.create']));
    // As Prisma built it for the one client of every schema clinic; the binding pool sends it
    // to gamma's schema, and the span names gamma (below).
    const insert = spans.find((span) =>
      String(span.attributes['db.query.text']).startsWith(
        'INSERT INTO "eventora_clinic_schema"."reservations"',
      ),
    );
    expect(insert?.name).toBe('prisma:client:db_query');

    // Every span below the request carries the clinic; statements show placeholders, not values.
    for (const span of spans.filter((span) => span !== root)) {
      expect(span.attributes).toMatchObject({
        'clinic.id': gamma.clinic.id,
        'clinic.mode': 'schema',
      });
    }
    expect(JSON.stringify(spans.map((span) => span.attributes))).not.toContain(client.email);
  });
});

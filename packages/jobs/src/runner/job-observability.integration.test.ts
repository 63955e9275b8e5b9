import { traceCarrier, withSpan } from '@eventora/observability';
import { captureLogs, captureSpans } from '@eventora/observability/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  createJobTestWorld,
  eventually,
  type JobTestWorld,
  type WorldClinic,
} from '../testing/job-test-world';
import { workClinicQueue, type ClinicJobHandler } from './work-clinic-queue';

/*
 * Issue 16: an operator woken by "clinic X's reminders did not go out" finds each job run in
 * the worker's log and in the trace of what caused it, tagged with the clinic.
 */
describe('what a job run leaves for operators', () => {
  let world: JobTestWorld;
  let schema: WorldClinic;
  const logs = captureLogs('worker');
  const tracing = captureSpans();
  let handler: ClinicJobHandler = async () => undefined;

  beforeAll(async () => {
    world = await createJobTestWorld();
    schema = await world.provision('beta', 'schema');
    await workClinicQueue(
      {
        queue: world.queue,
        tenants: world.tenants,
        registry: world.registry,
        logger: logs.logger,
      },
      'clinic.usage-rollup',
      (context) => handler(context),
      { pollingIntervalSeconds: 0.5 },
    );
  });
  afterAll(async () => {
    await tracing.stop();
    await world?.close();
  });

  const jobLine = (jobId: string) =>
    eventually(async () => logs.lines().find((line) => line.jobId === jobId));

  it('one span per run in the trace that enqueued it, and one log line, both with the clinic', async () => {
    handler = async ({ db }) => db.branch.count();
    let traceId = '';
    const jobId = await withSpan('request booking.create', {}, async () => {
      traceId = traceCarrier().traceparent!.split('-')[1]!;
      return world.queue.send('clinic.usage-rollup', {
        clinicId: schema.id,
        trace: traceCarrier('request-7f3a'),
      });
    });

    const line = await jobLine(jobId!);
    expect(line).toMatchObject({
      msg: 'job',
      queue: 'clinic.usage-rollup',
      clinicId: schema.id,
      clinicSlug: 'beta',
      clinicMode: 'schema',
      requestId: 'request-7f3a',
      outcome: 'succeeded',
    });
    expect(line!.durationMs).toEqual(expect.any(Number));
    const span = await eventually(async () =>
      tracing.spans().find((s) => s.attributes['job.id'] === jobId),
    );
    expect(span!.name).toBe('job clinic.usage-rollup');
    expect(span!.spanContext().traceId).toBe(traceId);
    expect(span!.attributes).toMatchObject({ 'clinic.id': schema.id, 'clinic.mode': 'schema' });
  });

  it('a failed run says which error (class and code), never the message, in the log and the span', async () => {
    handler = async () => {
      throw Object.assign(new Error('client ana@example.test has no phone'), { code: 'NO_PHONE' });
    };
    const jobId = await world.queue.send('clinic.usage-rollup', { clinicId: schema.id });

    const line = await jobLine(jobId!);
    expect(line).toMatchObject({ outcome: 'failed', errorCode: 'Error (NO_PHONE)' });
    const span = await eventually(async () =>
      tracing.spans().find((s) => s.attributes['job.id'] === jobId),
    );
    expect(span!.status).toMatchObject({ code: 2, message: 'Error (NO_PHONE)' });
    expect(logs.text()).not.toContain('ana@example.test');
  });
});

import { randomUUID } from 'node:crypto';
import { openJobQueue, type JobQueue } from '@eventora/jobs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createApiTestKit, type ApiTestKit, type TestClinic } from '../../../testing/api-test-kit';

const REASON = 'The SMTP relay was down; it is back now.';

describe('the console job view and retrying a dead job', () => {
  let kit: ApiTestKit;
  let alpha: TestClinic;
  let gamma: TestClinic;
  let queue: JobQueue;
  let token: string;

  const asOperator = () => kit.console({ token });

  /** A job that ran out of attempts, the way the worker leaves one: fetched, then failed. */
  async function killJob(name: 'clinic.cleanup' | 'fleet.run', data: object): Promise<string> {
    const id = (await queue.send(name, data, { retryLimit: 0 }))!;
    const [fetched] = await queue.fetch(name, { batchSize: 10 });
    expect(fetched?.id).toBe(id);
    await queue.fail(name, id, { error: 'SmtpError:ECONNREFUSED' });
    return id;
  }
  const platformEntries = (action: string) =>
    kit.services.platform.platformAuditLog.findMany({
      where: { action },
      select: { targetClinicId: true, reason: true, metadata: true },
    });
  const clinicEntries = (slug: string) =>
    kit.services.tenants.withClinic(slug, (db) =>
      db.auditLog.findMany({
        where: { action: 'platform.job_retried' },
        select: { entityId: true, reason: true },
      }),
    );

  beforeAll(async () => {
    kit = await createApiTestKit();
    alpha = await kit.addClinic('alpha');
    gamma = await kit.addClinic('gamma', 'schema');
    await kit.addOperator('ops@eventora.test');
    token = await kit.operatorToken('ops@eventora.test');
    queue = await openJobQueue({ connectionString: kit.database.platformUrl });
  }, 60_000);
  afterAll(async () => {
    await queue?.stop({ graceful: false, wait: true });
    await kit?.close();
  });

  it("lists queue counts and dead jobs for the fleet and for one clinic, never another clinic's", async () => {
    const alphaJob = await killJob('clinic.cleanup', { clinicId: alpha.clinic.id });
    const fleet = await asOperator().admin.jobs.overview();
    expect(fleet.queues).toContainEqual({
      queue: 'clinic.cleanup',
      waiting: 0,
      running: 0,
      failed: 0,
      dead: 1,
    });
    expect(fleet.deadJobs).toContainEqual({
      id: alphaJob,
      queue: 'clinic.cleanup',
      clinic: { id: alpha.clinic.id, slug: 'alpha' },
      attempts: 1,
      error: 'SmtpError:ECONNREFUSED',
      diedAt: expect.any(Date),
    });

    const ofGamma = await asOperator().admin.jobs.overview({ clinicId: gamma.clinic.id });
    expect(ofGamma.deadJobs).toEqual([]);
    expect(ofGamma.queues.every((row) => row.dead === 0)).toBe(true);
    const ofAlpha = await asOperator().admin.jobs.overview({ clinicId: alpha.clinic.id });
    expect(ofAlpha.deadJobs.map((job) => job.id)).toEqual([alphaJob]);
    expect(ofAlpha.clinicRuns).toContainEqual({
      queue: 'clinic.cleanup',
      state: 'failed',
      finishedAt: expect.any(Date),
    });

    await expect(
      asOperator().admin.jobs.overview({ clinicId: randomUUID() }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(kit.console().admin.jobs.overview()).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
    });
  });

  it("retries a clinic's dead job with the same clinic, recorded in the platform log and that clinic's own", async () => {
    const id = await killJob('clinic.cleanup', { clinicId: gamma.clinic.id });

    await expect(
      asOperator().admin.jobs.retryDeadJob({ id, reason: 'because' }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect(await clinicEntries('gamma')).toEqual([]);

    expect(await asOperator().admin.jobs.retryDeadJob({ id, reason: REASON })).toEqual({
      id,
      queue: 'clinic.cleanup',
      clinicId: gamma.clinic.id,
    });
    // Back in its queue: a worker gets it again, bound to the same clinic.
    const [again] = await queue.fetch('clinic.cleanup', { batchSize: 10 });
    expect(again).toMatchObject({ id, data: { clinicId: gamma.clinic.id } });

    expect(await clinicEntries('gamma')).toEqual([{ entityId: id, reason: REASON }]);
    expect(await clinicEntries('alpha')).toEqual([]);
    expect(await platformEntries('job.retry')).toContainEqual({
      targetClinicId: gamma.clinic.id,
      reason: REASON,
      metadata: expect.objectContaining({ jobId: id, queue: 'clinic.cleanup' }),
    });

    // No longer dead: a second retry finds nothing and records nothing.
    await expect(
      asOperator().admin.jobs.retryDeadJob({ id, reason: REASON }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await clinicEntries('gamma')).toHaveLength(1);
  });

  it('retries a dead fleet job with an entry in the platform log only', async () => {
    const id = await killJob('fleet.run', { runId: randomUUID(), schedule: 'cleanup' });
    await asOperator().admin.jobs.retryDeadJob({ id, reason: REASON });
    const entries = await platformEntries('job.retry');
    expect(entries).toContainEqual({
      targetClinicId: null,
      reason: REASON,
      metadata: expect.objectContaining({ jobId: id, queue: 'fleet.run' }),
    });
    const overview = await asOperator().admin.jobs.overview();
    expect(overview.deadJobs.map((job) => job.id)).not.toContain(id);
  });
});

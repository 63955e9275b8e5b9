import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  createJobTestWorld,
  eventually,
  jobsOf,
  makeDue,
  type JobTestWorld,
  type WorldClinic,
} from '../testing/job-test-world';
import type { ClinicQueueName } from '../queue/queues';
import { workClinicQueue, type ClinicJobHandler, type JobFailure } from './work-clinic-queue';

describe('clinic jobs', () => {
  let world: JobTestWorld;
  let shared: WorldClinic;
  let schema: WorldClinic;
  let dedicated: WorldClinic;
  const failures: JobFailure[] = [];
  const handlers = new Map<ClinicQueueName, ClinicJobHandler>();

  beforeAll(async () => {
    world = await createJobTestWorld({ maintenanceIntervalSeconds: 1 });
    shared = await world.provision('alpha', 'shared');
    schema = await world.provision('beta', 'schema');
    dedicated = await world.provision('gamma', 'database');
    // One worker per queue for the whole file; each test sets what its queue's jobs do.
    for (const queue of [
      'clinic.usage-rollup',
      'clinic.reminders',
      'clinic.package-expiry',
      'mail.deliver',
    ] as const) {
      await workClinicQueue(
        {
          queue: world.queue,
          tenants: world.tenants,
          registry: world.registry,
          onFailure: (f) => failures.push(f),
        },
        queue,
        (context) => handlers.get(queue)!(context),
        { pollingIntervalSeconds: 0.5 },
      );
    }
  });
  afterAll(() => world?.close());

  const settled = (queue: ClinicQueueName, count: number) =>
    eventually(async () => {
      const jobs = await jobsOf(world.registry, queue);
      const done = jobs.filter((job) => ['completed', 'failed'].includes(job.state));
      return done.length >= count ? jobs : undefined;
    });

  it('a job bound to its clinic reads and writes only that clinic: shared, schema and database', async () => {
    const seen = new Map<string, string[]>();
    handlers.set('clinic.usage-rollup', async ({ db, clinic }) => {
      seen.set(
        clinic.id,
        (await db.branch.findMany({ select: { name: true } })).map((b) => b.name),
      );
      await db.auditLog.create({
        data: { clinicId: clinic.id, actorType: 'system', action: 'job.ran' },
      });
    });
    for (const clinic of [shared, schema, dedicated]) {
      await world.queue.send('clinic.usage-rollup', { clinicId: clinic.id });
    }
    const jobs = await settled('clinic.usage-rollup', 3);

    expect(jobs.map((job) => job.state)).toEqual(['completed', 'completed', 'completed']);
    expect(seen.get(shared.id)).toEqual(['alpha branch']);
    expect(seen.get(schema.id)).toEqual(['beta branch']);
    expect(seen.get(dedicated.id)).toEqual(['gamma branch']);
    for (const clinic of [shared, schema, dedicated]) {
      const { clinic: record, db } = await world.tenants.resolve(clinic.id);
      const { runWithClinic } = await import('@eventora/tenancy');
      const entries = await runWithClinic(record, () =>
        db.auditLog.findMany({ where: { action: 'job.ran' }, select: { clinicId: true } }),
      );
      expect(entries).toEqual([{ clinicId: clinic.id }]);
    }
  });

  it('a job without a valid clinic id fails closed: its handler never runs', async () => {
    let ran = 0;
    handlers.set('clinic.reminders', async () => void ran++);
    await world.queue.send('clinic.reminders', {}, { retryLimit: 0 });
    await world.queue.send('clinic.reminders', { clinicId: "x' OR 1=1" }, { retryLimit: 0 });
    const jobs = await settled('clinic.reminders', 2);

    expect(jobs.map((job) => job.state)).toEqual(['failed', 'failed']);
    expect(ran).toBe(0);
    expect(failures.filter((f) => f.queue === 'clinic.reminders')).toEqual([
      expect.objectContaining({
        clinicId: null,
        error: 'TenancyError (TENANT_NOT_BOUND)',
        final: true,
      }),
      expect.objectContaining({
        clinicId: null,
        error: 'TenancyError (TENANT_NOT_BOUND)',
        final: true,
      }),
    ]);
  });

  it('a retry runs for the same clinic; a frozen clinic waits and is never lost; a suspended one is dropped, or its mail runs limited', async () => {
    const attempts: string[] = [];
    handlers.set('clinic.package-expiry', async ({ clinic, job }) => {
      attempts.push(clinic.id);
      if (job.retryCount === 0) throw new Error('a transient failure');
    });
    await world.queue.send('clinic.package-expiry', { clinicId: schema.id }, { retryDelay: 0 });
    await settled('clinic.package-expiry', 1);
    expect(attempts).toEqual([schema.id, schema.id]);

    // Frozen (a tenant move): put back as a new job, again and again, until the freeze ends.
    attempts.length = 0;
    handlers.set('clinic.package-expiry', async ({ clinic }) => void attempts.push(clinic.id));
    await world.setStatus(dedicated.id, 'frozen');
    await world.queue.send('clinic.package-expiry', { clinicId: dedicated.id }, { retryLimit: 0 });
    await eventually(async () =>
      (await jobsOf(world.registry, 'clinic.package-expiry')).some((j) => j.deferrals === 1)
        ? true
        : undefined,
    );
    await makeDue(world.registry, 'clinic.package-expiry');
    await eventually(async () =>
      (await jobsOf(world.registry, 'clinic.package-expiry')).some((j) => j.deferrals === 2)
        ? true
        : undefined,
    );
    expect(attempts).toEqual([]);
    await world.setStatus(dedicated.id, 'active');
    await makeDue(world.registry, 'clinic.package-expiry');
    await eventually(async () => (attempts.length === 1 ? true : undefined));
    expect(attempts).toEqual([dedicated.id]);

    // Frozen mid-run: the refused write puts the job back; no retry is used up.
    attempts.length = 0;
    let refused = false;
    handlers.set('clinic.package-expiry', async ({ clinic }) => {
      attempts.push(clinic.id);
      if (!refused) {
        refused = true;
        throw Object.assign(new Error('CLINIC_FROZEN: this clinic is being moved'), {
          code: 'P2010',
        });
      }
    });
    await world.queue.send('clinic.package-expiry', { clinicId: shared.id }, { retryLimit: 0 });
    await eventually(async () =>
      (await jobsOf(world.registry, 'clinic.package-expiry')).some(
        (j) => j.deferrals === 1 && j.clinicId === shared.id && j.state === 'created',
      )
        ? true
        : undefined,
    );
    await makeDue(world.registry, 'clinic.package-expiry');
    await eventually(async () => (attempts.length === 2 ? true : undefined));
    expect(attempts).toEqual([shared.id, shared.id]);

    // Suspended: reminders are dropped; mail runs limited, seeing the clinic's status (the
    // handler sends only what a closed clinic sends, the owner's final-export link).
    let reminded = 0;
    const mailedAs: string[] = [];
    handlers.set('clinic.reminders', async () => void reminded++);
    handlers.set('mail.deliver', async ({ clinic }) => void mailedAs.push(clinic.status));
    await world.setStatus(schema.id, 'suspended');
    await world.queue.send('clinic.reminders', { clinicId: schema.id });
    await world.queue.send('mail.deliver', { clinicId: schema.id });
    await eventually(async () => (mailedAs.length === 1 ? true : undefined));
    await settled('clinic.reminders', 3);
    expect(reminded).toBe(0);
    expect(mailedAs).toEqual(['suspended']);
    await world.setStatus(schema.id, 'active');
    await world.queue.send('mail.deliver', { clinicId: schema.id });
    await eventually(async () => (mailedAs.length === 2 ? true : undefined));
    expect(mailedAs).toEqual(['suspended', 'active']);
  });

  it('a worker killed mid-job: the job expires, is retried, and runs for the same clinic', async () => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        fileURLToPath(new URL('../testing/crash-worker-child.ts', import.meta.url)),
        world.database.appUrl,
        world.database.platformUrl,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const ranFor: string[] = [];
    try {
      const started = new Promise<void>((resolve) => child.stdout.on('data', () => resolve()));
      await world.queue.send(
        'clinic.cleanup',
        { clinicId: dedicated.id },
        { expireInSeconds: 2, retryDelay: 0 },
      );
      await started;
      child.kill('SIGKILL');
      // Only now may this process take the job: the killed worker held it.
      handlers.set('clinic.cleanup', async ({ clinic }) => void ranFor.push(clinic.id));
      await workClinicQueue(
        { queue: world.queue, tenants: world.tenants, registry: world.registry },
        'clinic.cleanup',
        (context) => handlers.get('clinic.cleanup')!(context),
        { pollingIntervalSeconds: 0.5 },
      );
      const [job] = await settled('clinic.cleanup', 1);
      expect(job).toMatchObject({ state: 'completed', clinicId: dedicated.id, retryCount: 1 });
      expect(ranFor).toEqual([dedicated.id]);
    } finally {
      child.kill('SIGKILL');
    }
  }, 120_000);
});

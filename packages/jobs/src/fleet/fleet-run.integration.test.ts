import { runWithClinic } from '@eventora/tenancy';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { workClinicQueue } from '../runner/work-clinic-queue';
import { lastScheduleRuns, queueCounts } from '../status/queue-status';
import {
  createJobTestWorld,
  eventually,
  jobsOf,
  makeDue,
  type JobTestWorld,
  type WorldClinic,
} from '../testing/job-test-world';
import type { FleetSchedule } from './schedules';
import { tickSchedules } from './tick-schedules';
import { workFleetRuns } from './work-fleet-runs';

const CLEANUP: FleetSchedule = {
  name: 'cleanup',
  queue: 'clinic.cleanup',
  everyMinutes: 60,
  offsetMinutes: 10,
};

describe('a fleet schedule run', () => {
  let world: JobTestWorld;
  let clinics: WorldClinic[];
  let failing: WorldClinic;

  beforeAll(async () => {
    world = await createJobTestWorld({ maintenanceIntervalSeconds: 1 });
    const dedicated = [
      await world.provision('fleet-db-0', 'database'),
      await world.provision('fleet-db-1', 'database'),
    ];
    const schemas = [];
    for (let index = 0; index < 4; index++) {
      schemas.push(await world.provision(`fleet-schema-${index}`, 'schema'));
    }
    const shared = await world.addSharedClinics(194, 'fleet');
    clinics = [...dedicated, ...schemas, ...shared];
    failing = shared[13]!;
    const [closed] = await world.addSharedClinics(1, 'closed');
    await world.setStatus(closed!.id, 'suspended');
  }, 300_000);
  afterAll(() => world?.close());

  it("over 200 clinics in three modes, one clinic's failing job never stops the other 199; the run record counts each", async () => {
    const deps = { queue: world.queue, registry: world.registry };
    await workFleetRuns(deps, [CLEANUP], { pollingIntervalSeconds: 0.5 });
    await workClinicQueue(
      { ...deps, tenants: world.tenants },
      'clinic.cleanup',
      async ({ db, clinic }) => {
        if (clinic.id === failing.id) throw new Error('this clinic has a problem');
        await db.auditLog.create({
          data: { clinicId: clinic.id, actorType: 'system', action: 'job.ran' },
        });
      },
      { batchSize: 25, concurrency: 4, pollingIntervalSeconds: 0.5 },
    );

    const now = new Date();
    const started = await tickSchedules(deps, [CLEANUP], now);
    // A second tick in the same slot (another worker, a restart) starts nothing.
    expect(await tickSchedules(deps, [CLEANUP], new Date(now.getTime() + 1000))).toEqual([]);
    expect(started).toHaveLength(1);

    const [midway] = await eventually(async () => {
      const runs = await lastScheduleRuns(world.registry);
      return runs[0]?.succeeded === 199 ? runs : undefined;
    }, 120_000);
    expect(midway).toMatchObject({
      schedule: 'cleanup',
      clinics: 201,
      skipped: 1,
      succeeded: 199,
      failed: 0,
      finishedAt: null,
    });

    // The failing clinic's job retries with backoff, then dies; the run then finishes.
    const [run] = await eventually(async () => {
      await makeDue(world.registry, 'clinic.cleanup');
      const runs = await lastScheduleRuns(world.registry);
      return runs[0]?.failed === 1 ? runs : undefined;
    }, 60_000);
    expect(run).toMatchObject({ clinics: 201, skipped: 1, succeeded: 199, failed: 1 });
    expect(run!.finishedAt).toBeInstanceOf(Date);

    const jobs = await jobsOf(world.registry, 'clinic.cleanup');
    expect(jobs).toHaveLength(200);
    expect(jobs.filter((job) => job.state === 'failed').map((job) => job.clinicId)).toEqual([
      failing.id,
    ]);
    expect(await queueCounts(world.registry, failing.id)).toContainEqual({
      queue: 'clinic.cleanup',
      waiting: 0,
      running: 0,
      failed: 0,
      dead: 1,
    });
    // Each of the others ran once, bound to itself, in every mode.
    for (const clinic of [clinics[0]!, clinics[3]!, clinics[100]!]) {
      const { clinic: record, db } = await world.tenants.resolve(clinic.id);
      const ran = await runWithClinic(record, () =>
        db.auditLog.findMany({ where: { action: 'job.ran' }, select: { clinicId: true } }),
      );
      expect(ran).toEqual([{ clinicId: clinic.id }]);
    }
  }, 300_000);
});

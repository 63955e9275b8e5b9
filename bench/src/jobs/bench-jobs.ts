// pnpm bench:jobs [--json] [--clinics N]
//
// The job runner's cost: N no-op jobs, one per clinic, enqueued at once and worked by one
// process, twice in the same run — through pg-boss alone (the baseline: the job runs one query
// on a plain pool, nothing bound), then through workClinicQueue (registry check, clinic bound,
// the same query through the tenant client under RLS). Reports jobs/s, p50/p99 from enqueue to
// done, and the bound pass's time per job ÷ the baseline's. See docs/performance.md.
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { DEV_ROLE_PASSWORDS, devRoleUrl } from '@eventora/db/dev';
import { migrationsDir } from '@eventora/db/migrations';
import { bootstrapRoles, createOwnedDatabase } from '@eventora/db/roles';
import { openJobQueue, workClinicQueue, type ClinicJobData } from '@eventora/jobs';
import { TenantRouter } from '@eventora/tenancy';
import { loadMigrations, migrateTarget } from '@eventora/tenancy/migrations';

import { createPool } from '../create-pool';
import { openBenchServer } from '../tenancy/server';
import { withClient } from '@eventora/tenancy/with-client';

const DATABASE = 'eventora_bench_jobs';
const log = (line: string) => console.error(`[bench:jobs] ${line}`);

interface Pass {
  jobs: number;
  seconds: number;
  jobsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
}

function readOptions(argv: string[]): { json: boolean; clinics: number } {
  if (argv.includes('--help')) {
    console.log(
      'pnpm bench:jobs [--json] [--clinics N]   (default 1000 clinics; DATABASE_URL: a local superuser, or an embedded server)',
    );
    process.exit(0);
  }
  const at = argv.indexOf('--clinics');
  const clinics = at >= 0 ? Number(argv[at + 1]) : 1000;
  if (!Number.isInteger(clinics) || clinics < 1) {
    console.error('--clinics takes a positive whole number');
    process.exit(2);
  }
  return { json: argv.includes('--json'), clinics };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function main(): Promise<void> {
  const options = readOptions(process.argv.slice(2));
  const server = await openBenchServer(log);
  try {
    await withClient(server.adminUrl, async (admin) => {
      await bootstrapRoles(admin, DEV_ROLE_PASSWORDS);
      await admin.query(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
      await createOwnedDatabase(admin, DATABASE);
    });
    const ownerUrl = devRoleUrl(server.adminUrl, 'owner', DATABASE);
    const appUrl = devRoleUrl(server.adminUrl, 'app', DATABASE);
    const platformUrl = devRoleUrl(server.adminUrl, 'platform', DATABASE);
    await migrateTarget(
      { label: DATABASE, connectionString: ownerUrl },
      await loadMigrations(migrationsDir),
    );
    const clinicIds = Array.from({ length: options.clinics }, () => randomUUID());
    await withClient(ownerUrl, (owner) =>
      owner.query(
        `INSERT INTO clinics (id, slug, name) SELECT id, 'bench-' || n, 'Bench ' || n
           FROM unnest($1::uuid[]) WITH ORDINALITY AS c (id, n)`,
        [clinicIds],
      ),
    );
    log(`${options.clinics} clinics registered`);

    const queue = await openJobQueue({ connectionString: platformUrl, maxConnections: 6 });
    const registry = createPool(platformUrl, 4);
    const plain = createPool(appUrl, 4);
    const tenants = new TenantRouter({ connectionString: appUrl, connectionBudget: 8 });
    const enqueued = new Map<string, number>();
    const done = new Map<string, number>();
    const finish = (clinicId: string) =>
      done.set(clinicId, performance.now() - enqueued.get(clinicId)!);
    const runPass = async (label: string, work: () => Promise<string>): Promise<Pass> => {
      done.clear();
      await work();
      const started = performance.now();
      for (let index = 0; index < clinicIds.length; index += 500) {
        const batch = clinicIds.slice(index, index + 500);
        for (const clinicId of batch) enqueued.set(clinicId, performance.now());
        await queue.insert(
          batch.map((clinicId) => ({
            name: 'bench.noop',
            data: { clinicId } satisfies ClinicJobData,
          })),
        );
      }
      while (done.size < clinicIds.length) await new Promise((resolve) => setTimeout(resolve, 20));
      const seconds = (performance.now() - started) / 1000;
      await queue.offWork('bench.noop');
      const latencies = [...done.values()].sort((a, b) => a - b);
      const pass = {
        jobs: clinicIds.length,
        seconds: Number(seconds.toFixed(2)),
        jobsPerSecond: Math.round(clinicIds.length / seconds),
        p50Ms: Math.round(percentile(latencies, 50)),
        p99Ms: Math.round(percentile(latencies, 99)),
      };
      log(`${label}: ${JSON.stringify(pass)}`);
      return pass;
    };

    const work = { batchSize: 50, pollingIntervalSeconds: 0.5 };
    const baseline = await runPass('baseline (pg-boss, nothing bound)', () =>
      queue.work<ClinicJobData>('bench.noop', work, async (jobs) => {
        for (const job of jobs) {
          await plain.query('SELECT id FROM branches LIMIT 1');
          finish(job.data.clinicId);
        }
      }),
    );
    const bound = await runPass('bound (registry check, clinic bound, tenant client)', () =>
      workClinicQueue(
        { queue, tenants, registry },
        'bench.noop',
        async ({ db, clinic }) => {
          await db.branch.findFirst({ select: { id: true } });
          finish(clinic.id);
        },
        { ...work, concurrency: 4 },
      ),
    );
    const results = {
      benchmark: 'jobs',
      clinics: options.clinics,
      machine: { cpus: os.cpus().length, node: process.version },
      baseline,
      bound,
      bindingCostRatio: Number((bound.seconds / baseline.seconds).toFixed(2)),
      targetFleetPassUnder30s: bound.seconds < 30,
    };
    await queue.stop({ graceful: false, wait: true });
    await tenants.close();
    await registry.end();
    await plain.end();
    console.log(
      `jobs/s ${baseline.jobsPerSecond} baseline, ${bound.jobsPerSecond} bound; p99 ${baseline.p99Ms} / ${bound.p99Ms} ms; binding cost ×${results.bindingCostRatio}`,
    );
    if (options.json) console.log(JSON.stringify(results));
  } finally {
    await server.stop();
  }
}

await main();

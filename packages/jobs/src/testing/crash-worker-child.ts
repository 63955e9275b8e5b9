// Test-only: a worker process that takes one clinic.cleanup job, writes that it started (bound
// to the job's clinic), then hangs until it is killed. Usage:
// node --import tsx crash-worker-child.ts <appUrl> <platformUrl>
import { databaseUrlResolver, TenantRouter } from '@eventora/tenancy';
import pg from 'pg';

import { openJobQueue } from '../queue/open-job-queue';
import { workClinicQueue } from '../runner/work-clinic-queue';

const [appUrl, platformUrl] = process.argv.slice(2) as [string, string];
const tenants = new TenantRouter({
  connectionString: appUrl,
  resolveDatabaseUrl: databaseUrlResolver(appUrl, {}),
  connectionBudget: 4,
  sharedConnections: 2,
  connectionsPerDatabase: 2,
});
const registry = new pg.Pool({ connectionString: platformUrl, max: 2 });
const queue = await openJobQueue({ connectionString: platformUrl });
await workClinicQueue(
  { queue, tenants, registry },
  'clinic.cleanup',
  async ({ db, clinic }) => {
    await db.auditLog.create({
      data: { clinicId: clinic.id, actorType: 'system', action: 'job.started' },
    });
    process.stdout.write('started\n');
    await new Promise(() => undefined);
  },
  { pollingIntervalSeconds: 0.5, batchSize: 1 },
);

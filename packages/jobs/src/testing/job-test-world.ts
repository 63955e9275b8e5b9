import { randomUUID } from 'node:crypto';
import { migrationsDir } from '@eventora/db/migrations';
import {
  databaseUrlResolver,
  provisionClinic,
  runWithClinic,
  TenantRouter,
  type ClinicMode,
} from '@eventora/tenancy';
import { loadMigrations } from '@eventora/tenancy/migrations';
import { createTestDatabase, type TestDatabase } from '@eventora/tenancy/testing';
import pg from 'pg';
import type PgBoss from 'pg-boss';

import { openJobQueue } from '../queue/open-job-queue';

export interface WorldClinic {
  id: string;
  slug: string;
  mode: ClinicMode;
}

/**
 * A test database with the queue, a tenant router (runtime role), the control plane's pool
 * (eventora_platform) and clinics in every mode, each with one branch named after it.
 */
export interface JobTestWorld {
  database: TestDatabase;
  tenants: TenantRouter;
  registry: pg.Pool;
  queue: PgBoss;
  /** Provisions a schema or database clinic the way the console does. */
  provision(slug: string, mode: ClinicMode): Promise<WorldClinic>;
  /** Registers many shared clinics at once (registry rows only, plus their branch). */
  addSharedClinics(count: number, prefix: string): Promise<WorldClinic[]>;
  setStatus(clinicId: string, status: 'active' | 'frozen' | 'moving' | 'suspended'): Promise<void>;
  /** The branch names the clinic's own binding can see. */
  branchesSeenBy(clinic: WorldClinic): Promise<string[]>;
  close(): Promise<void>;
}

export async function createJobTestWorld(
  options: { maintenanceIntervalSeconds?: number } = {},
): Promise<JobTestWorld> {
  const database = await createTestDatabase();
  const tenants = new TenantRouter({
    connectionString: database.appUrl,
    resolveDatabaseUrl: databaseUrlResolver(database.appUrl, {}),
    connectionBudget: 14,
    sharedConnections: 6,
    connectionsPerDatabase: 2,
  });
  const registry = new pg.Pool({ connectionString: database.platformUrl, max: 4 });
  const owner = new pg.Pool({ connectionString: database.ownerUrl, max: 2 });
  const queue = await openJobQueue({
    connectionString: database.platformUrl,
    supervise: options.maintenanceIntervalSeconds !== undefined,
    maintenanceIntervalSeconds: options.maintenanceIntervalSeconds,
  });
  const migrations = await loadMigrations(migrationsDir);

  const addBranch = (clinic: WorldClinic) =>
    tenants.withClinic(clinic.id, (db) =>
      db.branch.create({
        data: { clinicId: clinic.id, name: `${clinic.slug} branch`, timezone: 'UTC' },
      }),
    );

  return {
    database,
    tenants,
    registry,
    queue,
    async provision(slug, mode) {
      const provisioned = await provisionClinic(
        { slug, name: `Clinic ${slug}`, mode },
        {
          ownerUrl: database.ownerUrl,
          migrations,
          // Named after the test database, so the harness drops it with the run's leftovers.
          databaseName: (clinicSlug) => `${database.name}_${clinicSlug}`,
        },
      );
      const clinic = { id: provisioned.id, slug, mode };
      await addBranch(clinic);
      return clinic;
    },
    async addSharedClinics(count, prefix) {
      const clinics = Array.from({ length: count }, (_, index) => ({
        id: randomUUID(),
        slug: `${prefix}-${index}`,
        mode: 'shared' as const,
      }));
      await owner.query(
        `INSERT INTO clinics (id, slug, name) SELECT id, slug, 'Clinic ' || slug
           FROM unnest($1::uuid[], $2::text[]) AS c (id, slug)`,
        [clinics.map((c) => c.id), clinics.map((c) => c.slug)],
      );
      for (const clinic of clinics) await addBranch(clinic);
      return clinics;
    },
    async setStatus(clinicId, status) {
      await owner.query('UPDATE clinics SET status = $2 WHERE id = $1', [clinicId, status]);
    },
    async branchesSeenBy(clinic) {
      const { clinic: record, db } = await tenants.resolve(clinic.id);
      const rows = await runWithClinic(record, () =>
        db.branch.findMany({ select: { name: true } }),
      );
      return rows.map((row) => row.name);
    },
    async close() {
      await queue.stop({ graceful: false, wait: true }).catch(() => undefined);
      await tenants.close();
      await registry.end();
      await owner.end();
      await database.drop();
    },
  };
}

/** Waits until `check` returns a value other than undefined, or fails after `timeoutMs`. */
export async function eventually<T>(
  check: () => Promise<T | undefined>,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('Timed out waiting for a condition.');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Makes a queue's waiting and retrying jobs due now, as if their delay had passed. */
export async function makeDue(registry: pg.Pool, queue: string): Promise<number> {
  const { rowCount } = await registry.query(
    "UPDATE pgboss.job SET start_after = now() WHERE name = $1 AND state IN ('created', 'retry')",
    [queue],
  );
  return rowCount ?? 0;
}

/** The states of a queue's jobs, with their clinic, for assertions. */
export async function jobsOf(
  registry: pg.Pool,
  queue: string,
): Promise<
  { id: string; state: string; clinicId: string | null; deferrals: number; retryCount: number }[]
> {
  const { rows } = await registry.query<{
    id: string;
    state: string;
    clinic_id: string | null;
    deferrals: number | null;
    retry_count: number;
  }>(
    `SELECT id, state::text AS state, data->>'clinicId' AS clinic_id,
            (data->>'deferrals')::int AS deferrals, retry_count
       FROM pgboss.job WHERE name = $1 ORDER BY created_on`,
    [queue],
  );
  return rows.map((row) => ({
    id: row.id,
    state: row.state,
    clinicId: row.clinic_id,
    deferrals: row.deferrals ?? 0,
    retryCount: row.retry_count,
  }));
}

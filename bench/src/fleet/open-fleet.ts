// A fleet for the fleet-size benchmarks (bench:migrate-fleet, bench:router): N schema clinics in
// the shared database of the bench server and M database clinics, half on that server and half
// on a second, embedded one, all in one registry. A new fleet has nothing migrated but the
// registry.
//
// Kept and reused: building 10,000 schemas from empty takes far longer than any measured pass,
// so a fleet can outlive its benchmark. A fleet is named for its size, so fleets of different
// sizes live side by side and building one never drops another. Its databases
// (`eventora_bench_fleet_<N>s_<M>d*`) stay on the bench server (DATABASE_URL, or the embedded
// one in .data/bench) and the second server's data in a fixed folder under FLEETS_DIR (shared by
// every checkout on this machine, as the bench server is); `reuse` starts that server again and
// takes the fleet as it is, after checking it.
import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type pg from 'pg';
import { DEV_ROLE_PASSWORDS, devRoleUrl, startEmbeddedPostgres } from '@eventora/db/dev';
import { migrationsDir } from '@eventora/db/migrations';
import { bootstrapRoles, createOwnedDatabase } from '@eventora/db/roles';
import {
  fleetTargets,
  loadMigrations,
  migrateFleet,
  migrateTarget,
  type Migration,
  type MigrationTarget,
} from '@eventora/tenancy/migrations';
import { withClient } from '@eventora/tenancy/with-client';

import { benchSecondServerPort } from '../env';
import { openBenchServer, type BenchServer } from '../tenancy/server';
import { cloneSchemas, type CloneReport } from './clone-fleet';

const PREFIX = 'eventora_bench_fleet';

/** Where kept fleets' second servers keep their data: `<N>s-<M>d/second` for each size. */
export const FLEETS_DIR = path.join(os.tmpdir(), 'eventora-bench-fleet');

export interface FleetCounts {
  schemas: number;
  databases: number;
}

export interface Fleet {
  server: BenchServer;
  /** False when a kept fleet was reused as it was (nothing built, nothing migrated). */
  built: boolean;
  /** True when every target is already migrated: a reused fleet, or one built by cloning. */
  migrated: boolean;
  /** How a fleet built with `build: 'clone'` was built (see clone-fleet.ts). */
  clone?: CloneReport;
  /** The shared database's owner and runtime URLs. */
  ownerUrl: string;
  appUrl: string;
  /** The deployment's secrets: each far database clinic's runtime URL, and `…_OWNER`. */
  secrets: Map<string, string>;
  migrations: Migration[];
  /** Every clinic's schema or database, as `pnpm db:migrate` lists them. */
  targets: MigrationTarget[];
  /** The clinics' slugs: `bench-s<n>` (schema mode), `bench-d<n>` (database mode). */
  slugs: { schemas: string[]; databases: string[] };
  /**
   * Stops both servers; drops the fleet's databases first unless `keep`. A reused fleet is
   * never dropped (it took long to build).
   */
  close(keep: boolean): Promise<void>;
}

/** How a new fleet's clinic schemas are built: left empty for the bench to migrate, or cloned. */
export type FleetBuild = 'migrate' | 'clone';

/**
 * Builds a fleet of `counts` (dropping any kept one first), or with `reuse` takes the kept fleet
 * of exactly that size. No kept fleet, or one of another size: a message and exit code 2.
 * `build: 'clone'` builds it migrated: the schemas cloned from one migrated by the runner, the
 * database clinics migrated by the runner (clone-fleet.ts).
 */
export async function openFleet(
  counts: FleetCounts,
  log: (line: string) => void,
  { reuse = false, build = 'migrate' }: { reuse?: boolean; build?: FleetBuild } = {},
): Promise<Fleet> {
  const database = `${PREFIX}_${counts.schemas}s_${counts.databases}d`;
  const secondDataDir = path.join(FLEETS_DIR, `${counts.schemas}s-${counts.databases}d`, 'second');
  if (reuse && !(await exists(path.join(secondDataDir, 'PG_VERSION')))) {
    const kept = await readdir(FLEETS_DIR).catch(() => []);
    refuseReuse(
      `no kept fleet of ${counts.schemas} schema and ${counts.databases} database clinics ` +
        `(no ${secondDataDir}; kept here: ${kept.length > 0 ? kept.join(', ') : 'none'})`,
    );
  }
  const first = await openBenchServer(log);
  const secondPort = benchSecondServerPort();
  log(
    `starting the second, embedded server in ${secondDataDir}` +
      (secondPort ? ` on port ${secondPort}` : ''),
  );
  await mkdir(path.dirname(secondDataDir), { recursive: true });
  const second = await startEmbeddedPostgres({
    dataDir: secondDataDir,
    port: secondPort,
    persistent: true,
  });
  const stop = async () => {
    await second.stop();
    await first.stop();
  };
  const close = async (keep: boolean) => {
    if (!keep) {
      await dropFleet(database, first.adminUrl, second.adminUrl).catch((error: unknown) =>
        log(`cleanup: ${String(error)}`),
      );
    }
    await stop();
    if (!keep) await rm(path.dirname(secondDataDir), { recursive: true, force: true });
  };
  const nearCount = Math.ceil(counts.databases / 2);
  const databaseName = (i: number) => `${database}_db_${String(i).padStart(4, '0')}`;
  const ownerUrl = devRoleUrl(first.adminUrl, 'owner', database);
  const secrets = new Map<string, string>();
  for (let i = nearCount; i < counts.databases; i++) {
    secrets.set(`BENCH_FLEET_DB_${i}`, devRoleUrl(second.adminUrl, 'app', databaseName(i)));
    secrets.set(`BENCH_FLEET_DB_${i}_OWNER`, devRoleUrl(second.adminUrl, 'owner', databaseName(i)));
  }
  const slugs = {
    schemas: Array.from({ length: counts.schemas }, (_, i) => `bench-s${i + 1}`),
    databases: Array.from({ length: counts.databases }, (_, i) => `bench-d${i}`),
  };

  if (reuse) {
    const kept = await keptFleet(database, first.adminUrl, second.adminUrl).catch(async (error) => {
      await stop();
      throw error;
    });
    const wanted = `${counts.schemas} schema and ${counts.databases} database clinics (${nearCount} near, ${counts.databases - nearCount} far)`;
    if (
      !kept ||
      kept.schemas !== counts.schemas ||
      kept.databases !== counts.databases ||
      kept.nearDatabases !== nearCount ||
      kept.farDatabases !== counts.databases - nearCount
    ) {
      await stop();
      refuseReuse(
        kept
          ? `the kept fleet has ${kept.schemas} schema and ${kept.databases} database clinics ` +
              `(${kept.nearDatabases} near, ${kept.farDatabases} far databases), not ${wanted}`
          : `no kept fleet on ${first.description} (no database ${database})`,
      );
    }
    log(`reusing the kept fleet of ${wanted}`);
  }

  try {
    if (!reuse) {
      await withClient(second.adminUrl, (admin) => bootstrapRoles(admin, DEV_ROLE_PASSWORDS));
      await withClient(first.adminUrl, (admin) => bootstrapRoles(admin, DEV_ROLE_PASSWORDS));
      await dropFleet(database, first.adminUrl, second.adminUrl);
      await withClient(first.adminUrl, (admin) => createOwnedDatabase(admin, database));
    }
    const migrations = await loadMigrations(migrationsDir);
    if (!reuse) {
      await migrateTarget({ label: 'shared', connectionString: ownerUrl }, migrations);
      log(`registering ${counts.schemas} schema and ${counts.databases} database clinics`);
      for (let i = 0; i < counts.databases; i++) {
        await withClient(i < nearCount ? first.adminUrl : second.adminUrl, (admin) =>
          createOwnedDatabase(admin, databaseName(i)),
        );
      }
      await withClient(ownerUrl, async (owner) => {
        await owner.query(
          `INSERT INTO clinics (id, slug, name, mode, schema_name)
           SELECT gen_random_uuid(), 'bench-s' || n, 'Bench ' || n, 'schema', 'clinic_bench_s' || n
             FROM generate_series(1, $1) AS n`,
          [counts.schemas],
        );
        for (let i = 0; i < counts.databases; i++) {
          const ref = i < nearCount ? `database:${databaseName(i)}` : `BENCH_FLEET_DB_${i}`;
          await owner.query(
            `INSERT INTO clinics (id, slug, name, mode, database_url_ref)
             VALUES (gen_random_uuid(), $1, $1, 'database', $2)`,
            [slugs.databases[i], ref],
          );
        }
      });
    }

    let clone: CloneReport | undefined;
    if (!reuse && build === 'clone') {
      const adminUrl = new URL(first.adminUrl);
      adminUrl.pathname = `/${database}`;
      clone = await cloneSchemas({
        adminUrl: adminUrl.toString(),
        ownerUrl,
        schemas: slugs.schemas.map((_, i) => `clinic_bench_s${i + 1}`),
        migrations,
        log,
      });
    }
    const listed = await fleetTargets(ownerUrl, (name) => secrets.get(name));
    if (listed.unresolved.length > 0)
      throw new Error(`unresolved targets: ${JSON.stringify(listed.unresolved)}`);
    if (clone) {
      const databases = listed.targets.filter((target) => target.clinic?.startsWith('bench-d'));
      log(`migrating the ${databases.length} database clinics with the runner…`);
      const report = await migrateFleet(databases, migrations, { concurrency: 4 });
      if (!report.ok) throw new Error('the database clinics did not migrate');
    }
    return {
      server: first,
      built: !reuse,
      migrated: reuse || clone !== undefined,
      clone,
      ownerUrl,
      appUrl: devRoleUrl(first.adminUrl, 'app', database),
      secrets,
      migrations,
      targets: listed.targets,
      slugs,
      close: (keep) => close(keep || reuse),
    };
  } catch (error) {
    await close(reuse);
    throw error;
  }
}

/** A kept fleet's size, as its registry and both servers' databases say; none without one. */
async function keptFleet(
  database: string,
  firstAdminUrl: string,
  secondAdminUrl: string,
): Promise<
  { schemas: number; databases: number; nearDatabases: number; farDatabases: number } | undefined
> {
  const [near, far] = await Promise.all([
    withClient(firstAdminUrl, (admin) => benchDatabases(admin, database)),
    withClient(secondAdminUrl, (admin) => benchDatabases(admin, database)),
  ]);
  if (!near.includes(database)) return undefined;
  const registry = await withClient(devRoleUrl(firstAdminUrl, 'owner', database), (owner) =>
    owner.query<{ schemas: number; databases: number }>(
      `SELECT count(*) FILTER (WHERE mode = 'schema' AND starts_with(slug, 'bench-s'))::int AS schemas,
              count(*) FILTER (WHERE mode = 'database' AND starts_with(slug, 'bench-d'))::int AS databases
         FROM clinics`,
    ),
  );
  return {
    schemas: registry.rows[0]!.schemas,
    databases: registry.rows[0]!.databases,
    nearDatabases: near.length - 1,
    farDatabases: far.length,
  };
}

function refuseReuse(reason: string): never {
  console.error(
    `--reuse: ${reason}. Build one with --keep (same --schemas/--databases, same DATABASE_URL), ` +
      'then run with --reuse.',
  );
  process.exit(2);
}

/** The fleet's databases on one server: the shared one and the clinic databases. */
async function benchDatabases(admin: pg.Client, database: string): Promise<string[]> {
  const { rows } = await admin.query<{ datname: string }>(
    "SELECT datname FROM pg_database WHERE datname = $1 OR starts_with(datname, $1 || '_db_')",
    [database],
  );
  return rows.map((row) => row.datname);
}

async function dropFleet(
  database: string,
  firstAdminUrl: string,
  secondAdminUrl: string,
): Promise<void> {
  for (const url of [firstAdminUrl, secondAdminUrl]) {
    await withClient(url, async (admin) => {
      for (const name of await benchDatabases(admin, database))
        await admin.query(`DROP database IF EXISTS ${admin.escapeIdentifier(name)} WITH (FORCE)`);
    });
  }
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

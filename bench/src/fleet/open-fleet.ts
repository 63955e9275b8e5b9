// A fleet for the fleet-size benchmarks (bench:migrate-fleet, bench:router): N schema clinics in
// the shared database of the bench server and M database clinics, half on that server and half
// on a second, embedded one, all in one registry. Nothing is migrated yet but the registry.
import type pg from 'pg';
import { DEV_ROLE_PASSWORDS, devRoleUrl, startEmbeddedPostgres } from '@eventora/db/dev';
import { migrationsDir } from '@eventora/db/migrations';
import { bootstrapRoles, createOwnedDatabase } from '@eventora/db/roles';
import {
  fleetTargets,
  loadMigrations,
  migrateTarget,
  type Migration,
  type MigrationTarget,
} from '@eventora/tenancy/migrations';
import { withClient } from '@eventora/tenancy/with-client';

import { benchSecondServerPort } from '../env';
import { openBenchServer, type BenchServer } from '../tenancy/server';

const DATABASE = 'eventora_bench_fleet';

export interface Fleet {
  server: BenchServer;
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
  /** Drops the bench databases (unless `keep`) and stops both servers. */
  close(keep: boolean): Promise<void>;
}

export async function openFleet(
  counts: { schemas: number; databases: number },
  log: (line: string) => void,
): Promise<Fleet> {
  const first = await openBenchServer(log);
  const secondPort = benchSecondServerPort();
  log(`starting the second, embedded server${secondPort ? ` on port ${secondPort}` : ''}`);
  const second = await startEmbeddedPostgres({ port: secondPort });
  const close = async (keep: boolean) => {
    if (!keep) {
      await withClient(first.adminUrl, dropBenchDatabases).catch((error: unknown) =>
        log(`cleanup: ${String(error)}`),
      );
    }
    await second.stop();
    await first.stop();
  };
  try {
    const nearCount = Math.ceil(counts.databases / 2);
    const databaseName = (i: number) => `${DATABASE}_db_${String(i).padStart(4, '0')}`;
    const secrets = new Map<string, string>();
    await withClient(second.adminUrl, (admin) => bootstrapRoles(admin, DEV_ROLE_PASSWORDS));
    await withClient(first.adminUrl, async (admin) => {
      await bootstrapRoles(admin, DEV_ROLE_PASSWORDS);
      await dropBenchDatabases(admin);
      await createOwnedDatabase(admin, DATABASE);
    });
    const ownerUrl = devRoleUrl(first.adminUrl, 'owner', DATABASE);
    const migrations = await loadMigrations(migrationsDir);
    await migrateTarget({ label: 'shared', connectionString: ownerUrl }, migrations);

    log(`registering ${counts.schemas} schema and ${counts.databases} database clinics`);
    for (let i = 0; i < counts.databases; i++) {
      const near = i < nearCount;
      await withClient(near ? first.adminUrl : second.adminUrl, (admin) =>
        createOwnedDatabase(admin, databaseName(i)),
      );
      if (!near) {
        secrets.set(`BENCH_FLEET_DB_${i}`, devRoleUrl(second.adminUrl, 'app', databaseName(i)));
        secrets.set(
          `BENCH_FLEET_DB_${i}_OWNER`,
          devRoleUrl(second.adminUrl, 'owner', databaseName(i)),
        );
      }
    }
    const slugs = {
      schemas: Array.from({ length: counts.schemas }, (_, i) => `bench-s${i + 1}`),
      databases: Array.from({ length: counts.databases }, (_, i) => `bench-d${i}`),
    };
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

    const listed = await fleetTargets(ownerUrl, (name) => secrets.get(name));
    if (listed.unresolved.length > 0)
      throw new Error(`unresolved targets: ${JSON.stringify(listed.unresolved)}`);
    return {
      server: first,
      ownerUrl,
      appUrl: devRoleUrl(first.adminUrl, 'app', DATABASE),
      secrets,
      migrations,
      targets: listed.targets,
      slugs,
      close,
    };
  } catch (error) {
    await close(false);
    throw error;
  }
}

async function dropBenchDatabases(admin: pg.Client): Promise<void> {
  const { rows } = await admin.query<{ datname: string }>(
    "SELECT datname FROM pg_database WHERE datname = $1 OR starts_with(datname, $1 || '_db_')",
    [DATABASE],
  );
  for (const { datname } of rows)
    await admin.query(`DROP DATABASE IF EXISTS ${admin.escapeIdentifier(datname)} WITH (FORCE)`);
}

import { migrationsDir } from '@eventora/db/migrations';
import { DEV_ROLE_PASSWORDS, devRoleUrl } from '@eventora/db/dev';
import { bootstrapRoles, createOwnedDatabase } from '@eventora/db/roles';
import {
  loadMigrations,
  type Migration,
  MigrationError,
  migrateTarget,
} from '@eventora/tenancy/migrations';
import type pg from 'pg';

import { withClient } from '@eventora/tenancy/with-client';

/** The benchmark's own database; dropped and rebuilt when incomplete, never anything else. */
export const BENCH_DATABASE = 'eventora_bench';
/** The tenant tables as migrated: row level security enabled and forced. */
export const PUBLIC_SCHEMA = 'public';
/** The copy of the tenant tables with row level security switched off: the baseline. */
export const PLAIN_SCHEMA = 'bench_plain';

export const DATASET = {
  clinics: 1_000,
  reservationsPerClinic: 1_000,
  clientsPerClinic: 50,
  therapistsPerClinic: 10,
  branchesPerClinic: 2,
  /** Reservations start on consecutive days from here, one per therapist and day. */
  firstDay: '2030-01-07',
} as const;

export const RESERVATIONS = DATASET.clinics * DATASET.reservationsPerClinic;
export const DAYS = DATASET.reservationsPerClinic / DATASET.therapistsPerClinic;

// Written last, as the database comment: a database without it was never completely loaded.
const MARKER = `eventora-bench tenancy dataset v1: ${DATASET.clinics} clinics, ${RESERVATIONS} reservations`;

export interface BenchDatabase {
  /** Superuser, on the bench database. */
  adminUrl: string;
  /** eventora_app, the runtime role: what every contender connects as. */
  appUrl: string;
  /** True when a complete dataset from an earlier run was reused. */
  reused: boolean;
  setupSeconds: number;
  reservations: { rls: number; plain: number };
}

/**
 * Makes sure the bench database holds the dataset, twice: in `public` (row level security
 * enabled and forced, as migrated) and in `bench_plain` (the same migrations, RLS disabled).
 * Idempotent: a complete dataset is reused (pending migrations are still applied); anything
 * else is dropped and loaded again with set-based SQL.
 */
export async function prepareDataset(
  serverUrl: string,
  options: { rebuild: boolean; log: (line: string) => void },
): Promise<BenchDatabase> {
  const started = performance.now();
  const { log } = options;
  const ownerUrl = devRoleUrl(serverUrl, 'owner', BENCH_DATABASE);
  const migrations = await loadMigrations(migrationsDir);
  let reused = await ensureDatabase(serverUrl, options.rebuild, log);
  try {
    await migrateBoth(ownerUrl, migrations, reused, log);
  } catch (error) {
    // A migration edited after this dataset was loaded (one being written right now, say):
    // the database no longer matches the files, so start over rather than measure a hybrid.
    if (!reused || !(error instanceof MigrationError) || error.code !== 'CHECKSUM_MISMATCH')
      throw error;
    log(`${error.message.split(';')[0]}: reloading the dataset`);
    reused = await ensureDatabase(serverUrl, true, log);
    await migrateBoth(ownerUrl, migrations, reused, log);
  }

  const adminUrl = new URL(serverUrl);
  adminUrl.pathname = `/${BENCH_DATABASE}`;
  await withClient(adminUrl.toString(), disablePlainRls);
  if (!reused) await load(adminUrl.toString(), log);
  const reservations = await withClient(adminUrl.toString(), countReservations);
  if (reservations.rls < RESERVATIONS || reservations.plain !== reservations.rls) {
    throw new Error(
      `The bench database holds ${reservations.rls} reservations (${reservations.plain} in ${PLAIN_SCHEMA}); ` +
        'run again with --rebuild.',
    );
  }
  return {
    adminUrl: adminUrl.toString(),
    appUrl: devRoleUrl(serverUrl, 'app', BENCH_DATABASE),
    reused,
    setupSeconds: (performance.now() - started) / 1000,
    reservations,
  };
}

/**
 * Bootstraps the roles; keeps a completely loaded bench database, or drops whatever is there
 * and creates it empty. Returns whether the loaded one was kept.
 */
async function ensureDatabase(
  serverUrl: string,
  rebuild: boolean,
  log: (line: string) => void,
): Promise<boolean> {
  return withClient(serverUrl, async (admin) => {
    await bootstrapRoles(admin, DEV_ROLE_PASSWORDS);
    const { rows } = await admin.query<{ marker: string | null }>(
      "SELECT shobj_description(oid, 'pg_database') AS marker FROM pg_database WHERE datname = $1",
      [BENCH_DATABASE],
    );
    if (rows[0] && rows[0].marker === MARKER && !rebuild) return true;
    if (rows[0]) log(rebuild ? 'dropping the dataset' : 'dropping an incomplete dataset');
    await admin.query(
      `DROP DATABASE IF EXISTS ${admin.escapeIdentifier(BENCH_DATABASE)} WITH (FORCE)`,
    );
    await createOwnedDatabase(admin, BENCH_DATABASE);
    return false;
  });
}

/** The same runner and migrations as production, once per schema. */
async function migrateBoth(
  ownerUrl: string,
  migrations: Migration[],
  reused: boolean,
  log: (line: string) => void,
): Promise<void> {
  for (const schema of [PUBLIC_SCHEMA, PLAIN_SCHEMA]) {
    const report = await migrateTarget(
      { label: `bench ${schema}`, connectionString: ownerUrl, schema },
      migrations,
    );
    if (reused && report.applied.length > 0)
      log(`applied new migrations to ${schema}: ${report.applied.join(', ')}`);
  }
}

/** The baseline copy: same tables, indexes and grants, but no row level security at all. */
async function disablePlainRls(admin: pg.Client): Promise<void> {
  await admin.query(
    `DO $$
     DECLARE t regclass;
     BEGIN
       FOR t IN SELECT c.oid::regclass FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = '${PLAIN_SCHEMA}' AND c.relkind = 'r'
                  AND (c.relrowsecurity OR c.relforcerowsecurity)
       LOOP
         EXECUTE format('ALTER TABLE %s NO FORCE ROW LEVEL SECURITY, DISABLE ROW LEVEL SECURITY', t);
       END LOOP;
     END
     $$`,
  );
}

/**
 * Loads the dataset into both schemas as the superuser, which row level security does not
 * apply to (the tables FORCE it for their owner). Ids are derived from names (md5 → uuid), so
 * rows reference each other without lookups and both copies hold the same ids. Reservations go
 * in ordered by day, then clinic, as a live table fills up: one clinic's rows are spread over
 * the whole heap, not packed together.
 */
async function load(adminUrl: string, log: (line: string) => void): Promise<void> {
  // One session per schema: the two copies load side by side, one per core.
  await Promise.all(
    [PUBLIC_SCHEMA, PLAIN_SCHEMA].map((schema) =>
      withClient(adminUrl, async (admin) => {
        await admin.query(
          "SET synchronous_commit = off; SET work_mem = '256MB'; SET maintenance_work_mem = '512MB'",
        );
        for (const [table, sql] of loadSteps(admin.escapeIdentifier(schema))) {
          const started = performance.now();
          const fill = async () => (await admin.query(sql)).rowCount;
          // Only the big table is worth it (what references it is empty here, so cheap to re-check).
          const rows =
            table === 'reservations'
              ? await withoutKeys(admin, `${schema}.${table}`, fill)
              : await fill();
          log(`loaded ${rows} ${schema}.${table} (${seconds(started)} s)`);
        }
      }),
    ),
  );
  await withClient(adminUrl, async (admin) => {
    const started = performance.now();
    // Sets hint bits and the visibility map and gathers statistics, as autovacuum would have.
    await admin.query('VACUUM (ANALYZE)');
    log(`vacuumed and analyzed (${seconds(started)} s)`);
    await admin.query(
      `COMMENT ON DATABASE ${admin.escapeIdentifier(BENCH_DATABASE)} IS ${admin.escapeLiteral(MARKER)}`,
    );
  });
}

/**
 * Postgres' bulk-load recipe: drops the table's keys, indexes and exclusion constraint (and the
 * other tables' foreign keys that lean on its keys), runs `fill`, then recreates them from their
 * catalog definitions, in one transaction. Building an index once is far cheaper than a million
 * inserts into it, and recreating each constraint checks every row (the foreign keys and the
 * no-overlap rule hold for the loaded data).
 */
async function withoutKeys<T>(admin: pg.Client, table: string, fill: () => Promise<T>): Promise<T> {
  await admin.query('BEGIN');
  try {
    const { rows: constraints } = await admin.query<{ name: string; definition: string }>(
      `SELECT conname AS name, pg_get_constraintdef(oid) AS definition FROM pg_constraint
       WHERE conrelid = $1::regclass AND contype IN ('p', 'u', 'f', 'x')
       ORDER BY CASE contype WHEN 'f' THEN 1 ELSE 0 END`,
      [table],
    );
    const { rows: indexes } = await admin.query<{ name: string; definition: string }>(
      `SELECT indexrelid::regclass::text AS name, pg_get_indexdef(indexrelid) AS definition FROM pg_index
       WHERE indrelid = $1::regclass AND NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conindid = indexrelid)`,
      [table],
    );
    const { rows: referencing } = await admin.query<{
      owner: string;
      name: string;
      definition: string;
    }>(
      `SELECT conrelid::regclass::text AS owner, conname AS name, pg_get_constraintdef(oid) AS definition
       FROM pg_constraint WHERE confrelid = $1::regclass AND conrelid <> confrelid AND contype = 'f'`,
      [table],
    );
    for (const foreign of referencing) {
      await admin.query(
        `ALTER TABLE ${foreign.owner} DROP CONSTRAINT ${admin.escapeIdentifier(foreign.name)}`,
      );
    }
    for (const constraint of [...constraints].reverse()) {
      await admin.query(
        `ALTER TABLE ${table} DROP CONSTRAINT ${admin.escapeIdentifier(constraint.name)}`,
      );
    }
    for (const index of indexes) await admin.query(`DROP INDEX ${index.name}`);
    const result = await fill();
    for (const index of indexes) await admin.query(index.definition);
    for (const constraint of constraints) {
      await admin.query(
        `ALTER TABLE ${table} ADD CONSTRAINT ${admin.escapeIdentifier(constraint.name)} ${constraint.definition}`,
      );
    }
    for (const foreign of referencing) {
      await admin.query(
        `ALTER TABLE ${foreign.owner} ADD CONSTRAINT ${admin.escapeIdentifier(foreign.name)} ${foreign.definition}`,
      );
    }
    await admin.query('COMMIT');
    return result;
  } catch (error) {
    await admin.query('ROLLBACK');
    throw error;
  }
}

/** One INSERT … SELECT per table, into `schema` (each schema has its own enum types). */
function loadSteps(schema: string): [table: string, sql: string][] {
  const {
    clinics,
    reservationsPerClinic,
    clientsPerClinic,
    therapistsPerClinic,
    branchesPerClinic,
    firstDay,
  } = DATASET;
  const clinicId = "md5('clinic:' || c)::uuid";
  return [
    [
      'clinics',
      `INSERT INTO ${schema}.clinics (id, slug, name, billing_status, timezone)
       SELECT ${clinicId}, 'bench-' || lpad(c::text, 4, '0'), 'Bench clinic ' || c,
              'active'::${schema}."BillingStatus", 'America/Mexico_City'
       FROM generate_series(1, ${clinics}) AS c`,
    ],
    [
      'branches',
      `INSERT INTO ${schema}.branches (clinic_id, id, name, timezone)
       SELECT ${clinicId}, md5('branch:' || c || ':' || b)::uuid, 'Branch ' || b, 'America/Mexico_City'
       FROM generate_series(1, ${clinics}) AS c, generate_series(0, ${branchesPerClinic - 1}) AS b`,
    ],
    [
      'users',
      `INSERT INTO ${schema}.users (clinic_id, id, email, name, role)
       SELECT ${clinicId}, md5('client:' || c || ':' || u)::uuid, 'client-' || u || '@bench-' || c || '.test',
              'Client ' || u, 'CLIENT'::${schema}."Role"
       FROM generate_series(1, ${clinics}) AS c, generate_series(0, ${clientsPerClinic - 1}) AS u`,
    ],
    [
      'therapists',
      `INSERT INTO ${schema}.therapists (clinic_id, id, name)
       SELECT ${clinicId}, md5('therapist:' || c || ':' || t)::uuid, 'Therapist ' || t
       FROM generate_series(1, ${clinics}) AS c, generate_series(0, ${therapistsPerClinic - 1}) AS t`,
    ],
    [
      'therapist_branches',
      `INSERT INTO ${schema}.therapist_branches (clinic_id, therapist_id, branch_id)
       SELECT ${clinicId}, md5('therapist:' || c || ':' || t)::uuid,
              md5('branch:' || c || ':' || t % ${branchesPerClinic})::uuid
       FROM generate_series(1, ${clinics}) AS c, generate_series(0, ${therapistsPerClinic - 1}) AS t`,
    ],
    // Therapist k % T works one hour a day, at hour 8 + (k % T), on day k / T: no two booked
    // reservations of one therapist overlap, so the exclusion constraint holds.
    [
      'reservations',
      `INSERT INTO ${schema}.reservations
         (clinic_id, id, client_id, therapist_id, branch_id, starts_at, ends_at, status, notes, cancelled_at)
       SELECT ${clinicId}, md5('reservation:' || c || ':' || k)::uuid,
              md5('client:' || c || ':' || k % ${clientsPerClinic})::uuid,
              md5('therapist:' || c || ':' || k % ${therapistsPerClinic})::uuid,
              md5('branch:' || c || ':' || k % ${therapistsPerClinic} % ${branchesPerClinic})::uuid,
              s.starts_at, s.starts_at + interval '1 hour',
              (CASE WHEN k % 20 = 7 THEN 'cancelled' ELSE 'booked' END)::${schema}."ReservationStatus",
              CASE WHEN k % 3 = 0 THEN 'First visit: bring previous reports.' END,
              CASE WHEN k % 20 = 7 THEN s.starts_at - interval '2 days' END
       FROM generate_series(0, ${reservationsPerClinic - 1}) AS k
       CROSS JOIN generate_series(1, ${clinics}) AS c
       CROSS JOIN LATERAL (
         SELECT timestamptz '${firstDay} 08:00:00+00' + (k / ${therapistsPerClinic}) * interval '1 day'
                + (k % ${therapistsPerClinic}) * interval '1 hour' AS starts_at
       ) AS s
       ORDER BY k, c`,
    ],
  ];
}

async function countReservations(admin: pg.Client): Promise<{ rls: number; plain: number }> {
  const { rows } = await admin.query<{ rls: number; plain: number }>(
    `SELECT (SELECT count(*) FROM public.reservations)::int AS rls,
            (SELECT count(*) FROM ${PLAIN_SCHEMA}.reservations)::int AS plain`,
  );
  return rows[0]!;
}

function seconds(since: number): string {
  return ((performance.now() - since) / 1000).toFixed(1);
}

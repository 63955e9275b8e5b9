// pnpm db:migrate [--status] [--concurrency N]
//
// Applies packages/db/prisma/migrations to the shared database (DATABASE_OWNER_URL, or the
// embedded development database when it is unset; its `public` schema is the canary), then to every dedicated clinic target in the registry.
// --status changes nothing: it prints each target's status and exits 1 unless all are current.
import { parseArgs } from 'node:util';
import pg from 'pg';
import { migrationsDir } from '@eventora/db/migrations';
import {
  loadMigrations,
  migrateTargets,
  migrationStatus,
  type Migration,
  type MigrationTarget,
} from '../src/migrations';
import { ownerDatabase } from './env';

const { values: args } = parseArgs({
  options: {
    status: { type: 'boolean', default: false },
    concurrency: { type: 'string', default: '4' },
  },
});

async function main(): Promise<number> {
  const { ownerUrl, release } = await ownerDatabase();
  try {
    const migrations = await loadMigrations(migrationsDir);
    const targets = [
      { label: 'shared', connectionString: ownerUrl },
      ...(await clinicTargets(ownerUrl)),
    ];
    return await (args.status ? printStatus(targets, migrations) : migrate(targets, migrations));
  } finally {
    await release();
  }
}

/** Clinics living in their own schema of the shared database (none before the first migration). */
async function clinicTargets(ownerUrl: string): Promise<MigrationTarget[]> {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    const { rows: registry } = await client.query<{ exists: boolean }>(
      "SELECT to_regclass('public.clinics') IS NOT NULL AS exists",
    );
    if (!registry[0]?.exists) return [];
    const { rows } = await client.query<{ slug: string; mode: string; schema_name: string | null }>(
      "SELECT slug, mode, schema_name FROM public.clinics WHERE mode <> 'shared' ORDER BY slug",
    );
    const targets: MigrationTarget[] = [];
    for (const clinic of rows) {
      if (clinic.mode === 'schema' && clinic.schema_name) {
        targets.push({
          label: `clinic ${clinic.slug}`,
          connectionString: ownerUrl,
          schema: clinic.schema_name,
        });
      } else if (clinic.mode === 'schema') {
        console.warn(
          `warning: clinic ${clinic.slug} has mode 'schema' but no schema_name; skipped`,
        );
      } else {
        // Its URL lives behind a secret reference, which this script cannot resolve yet.
        console.warn(
          `warning: clinic ${clinic.slug} has its own database; not migrated by this script yet`,
        );
      }
    }
    return targets;
  } finally {
    await client.end();
  }
}

async function migrate(targets: MigrationTarget[], migrations: Migration[]): Promise<number> {
  const concurrency = Number(args.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1)
    throw new Error('--concurrency must be a positive integer');
  console.log(`Migrating ${targets.length} target(s) with ${migrations.length} migration(s)…`);
  const result = await migrateTargets(targets, migrations, {
    concurrency,
    log: (line) => console.log(line),
  });

  console.log('\nReport');
  for (const report of result.reports) {
    const applied =
      report.applied.length > 0 ? `applied ${report.applied.join(', ')}` : 'nothing to apply';
    console.log(
      `  ok      ${report.target}: ${applied} (${report.alreadyApplied} already applied)`,
    );
  }
  for (const failure of [result.failed, ...(result.alsoFailed ?? [])]) {
    if (failure) console.log(`  FAILED  ${failure.target}: ${failure.error}`);
  }
  for (const label of result.notAttempted)
    console.log(`  skipped ${label} (not attempted after the failure)`);
  if (result.failed)
    console.log(
      '\nFix the failing migration or target, then re-run: applied migrations are skipped.',
    );
  return result.failed ? 1 : 0;
}

async function printStatus(targets: MigrationTarget[], migrations: Migration[]): Promise<number> {
  let current = true;
  for (const target of targets) {
    const status = await migrationStatus(target, migrations);
    const problems = [
      ...status.pending.map((name) => `pending   ${name}`),
      ...status.modified.map((name) => `MODIFIED  ${name} (changed after it was applied)`),
      ...status.unknown.map((name) => `UNKNOWN   ${name} (applied, not on disk)`),
    ];
    console.log(
      `${target.label}: ${status.applied.length} applied${problems.length ? '' : ', up to date'}`,
    );
    for (const line of problems) console.log(`  ${line}`);
    current &&= problems.length === 0;
  }
  return current ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);

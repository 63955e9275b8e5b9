// pnpm db:migrate [--clinic SLUG | --schema NAME] [--concurrency N] [--resume] [--json] [--status]
//
// Applies packages/db/prisma/migrations to every target of the deployment (see HELP below):
// the shared database, every schema-mode clinic and every database-mode clinic, on every server.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { migrationsDir } from '@eventora/db/migrations';
import {
  fleetTargets,
  loadMigrations,
  migrateFleet,
  migrationsFingerprint,
  migrationStatus,
  serverOf,
  type FleetReport,
  type FleetTargetResult,
  type Migration,
  type MigrationTarget,
} from '../src/migrations';
import { ownerDatabase } from './env';

const HELP = `Usage: pnpm db:migrate [options]

Applies packages/db/prisma/migrations to every target of the deployment: the shared database's
public schema first, alone (the canary), then every schema-mode clinic's schema and every
database-mode clinic's database, on whichever server it lives. Servers run in parallel. On each,
the ledgers of a database's clinic schemas are read together first (a few queries for
thousands of schemas): a schema they show current is done without a session of its own. The
rest are visited --concurrency at a time, each worker reusing one session for the targets of
one database, and a changed or unfinished migration fails there. The first failure stops the
run: no new target starts. A progress line per target goes to stderr; each run's JSON report
is written to the state file.

Options:
  --clinic SLUG                  only that clinic's schema or database
  --schema NAME                  only that schema of the shared database (public = shared)
  --concurrency N                targets at once per server (default 4), capped on each server
                                 at half of its free connection slots
  --targets-per-connection N     replace a session after N targets (default 500): a backend's
                                 relation cache grows with every schema it touches
  --resume                       skip the targets the last run (its state file) finished; refused
                                 when the migrations or the deployment changed since
  --state FILE                   where each run writes its report (default
                                 .eventora/db-migrate-run.json, where pnpm was run)
  --json                         also print the run report as JSON on stdout
  --status                       change nothing: print each target's status
  -h, --help                     this help

Environment: DATABASE_OWNER_URL, the owner role's URL of the shared database (unset: the
embedded development database). A database-mode clinic whose database_url_ref is NAME (not
database:<db> on the shared server) is reached through NAME_OWNER, the owner role's URL of
its database.

Exit codes: 0 every target is current; 1 a target failed (fix it, then run again with
--resume), or with --status a target is not current; 2 nothing was run: bad arguments, a
clinic whose database cannot be resolved, no target matches, or --resume without a matching
state file.`;

const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

class UsageError extends Error {}

function parse() {
  try {
    const { values } = parseArgs({
      options: {
        clinic: { type: 'string' },
        schema: { type: 'string' },
        concurrency: { type: 'string', default: '4' },
        'targets-per-connection': { type: 'string', default: '500' },
        resume: { type: 'boolean', default: false },
        state: { type: 'string', default: '.eventora/db-migrate-run.json' },
        json: { type: 'boolean', default: false },
        status: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
    if (values.clinic !== undefined && values.schema !== undefined)
      throw new UsageError('--clinic and --schema are alternatives: give one.');
    if (values.status && values.resume)
      throw new UsageError('--status changes nothing; it takes no --resume.');
    return {
      ...values,
      concurrency: positive('--concurrency', values.concurrency),
      targetsPerConnection: positive('--targets-per-connection', values['targets-per-connection']),
      state: path.resolve(process.env.INIT_CWD ?? process.cwd(), values.state),
    };
  } catch (error) {
    throw error instanceof UsageError ? error : new UsageError(message(error));
  }
}
type Args = ReturnType<typeof parse>;

function positive(flag: string, value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1)
    throw new UsageError(`${flag} must be a positive integer.`);
  return number;
}

async function main(): Promise<number> {
  if (process.argv.includes('--help') || process.argv.includes('-h')) {
    console.log(HELP);
    return EXIT.ok;
  }
  const args = parse();
  const { ownerUrl, release } = await ownerDatabase();
  try {
    const migrations = await loadMigrations(migrationsDir);
    const targets = await selectTargets(ownerUrl, args);
    if (args.status) return await printStatus(targets, migrations);
    return await migrate(ownerUrl, targets, migrations, args);
  } finally {
    await release();
  }
}

/** The deployment's targets with owner URLs, narrowed by --clinic / --schema. */
async function selectTargets(ownerUrl: string, args: Args): Promise<MigrationTarget[]> {
  const listed = await fleetTargets(ownerUrl, (name) => process.env[name]);
  const wanted = (label: string, clinic?: string, schema?: string) =>
    args.clinic !== undefined
      ? clinic === args.clinic || label === `clinic ${args.clinic}`
      : args.schema === undefined || schema === args.schema;
  const targets = listed.targets.filter(
    (target) =>
      wanted(target.label, target.clinic, target.schema) &&
      (args.schema === undefined || target.connectionString === ownerUrl),
  );
  // Fail closed: a clinic whose database cannot be reached is never skipped quietly.
  const unresolved = listed.unresolved.filter((target) => wanted(target.label));
  if (unresolved.length > 0) {
    throw new UsageError(
      `Cannot resolve ${unresolved.length} target(s); nothing was migrated:\n` +
        unresolved.map((target) => `  ${target.label}: ${target.reason}`).join('\n'),
    );
  }
  if (targets.length === 0) {
    throw new UsageError(
      args.clinic !== undefined
        ? `No clinic ${args.clinic} with its own schema or database in the registry.`
        : `No schema ${args.schema} in the registry of the shared database.`,
    );
  }
  return targets;
}

async function migrate(
  ownerUrl: string,
  targets: MigrationTarget[],
  migrations: Migration[],
  args: Args,
): Promise<number> {
  const deployment = deploymentOf(ownerUrl);
  const doneBefore = args.resume ? await finishedBefore(args.state, deployment, migrations) : [];
  const servers = new Set(targets.map((target) => serverOf(target.connectionString)));
  console.error(
    `db:migrate: ${targets.length} target(s) on ${servers.size} server(s), ` +
      `${migrations.length} migration(s)` +
      (args.resume ? `, resuming (${doneBefore.length} finished before)` : ''),
  );
  const report = await migrateFleet(targets, migrations, {
    concurrency: args.concurrency,
    targetsPerConnection: args.targetsPerConnection,
    doneBefore: new Set(doneBefore),
    onTarget: (result, done, total) => console.error(progressLine(result, done, total)),
  });

  await mkdir(path.dirname(args.state), { recursive: true });
  await writeFile(args.state, `${JSON.stringify({ deployment, ...report }, null, 2)}\n`);
  if (args.json) console.log(JSON.stringify({ deployment, ...report }, null, 2));
  console.error(summary(report, args.state));
  return report.ok ? EXIT.ok : EXIT.failed;
}

/** Where the shared database is, without credentials: a state file belongs to one deployment. */
function deploymentOf(ownerUrl: string): string {
  const url = new URL(ownerUrl);
  return `${serverOf(ownerUrl)}${url.pathname}`;
}

/** Labels the run in the state file finished, when it ran the same migrations here. */
async function finishedBefore(
  file: string,
  deployment: string,
  migrations: Migration[],
): Promise<string[]> {
  let state: FleetReport & { deployment?: string };
  try {
    state = JSON.parse(await readFile(file, 'utf8')) as typeof state;
  } catch (error) {
    throw new UsageError(`--resume: cannot read the state file ${file}: ${message(error)}`);
  }
  if (state.deployment !== deployment) {
    throw new UsageError(
      `--resume: ${file} is a run against ${state.deployment}, not ${deployment}; run without --resume.`,
    );
  }
  if (state.migrations?.fingerprint !== migrationsFingerprint(migrations)) {
    throw new UsageError(
      `--resume: the migrations changed since the run in ${file}; run without --resume ` +
        '(applied migrations are skipped anyway).',
    );
  }
  return state.targets
    .filter((target) => ['applied', 'current', 'done_before'].includes(target.status))
    .map((target) => target.label);
}

function progressLine(result: FleetTargetResult, done: number, total: number): string {
  const width = String(total).length;
  const place = `${result.server}/${result.database}${result.schema === 'public' ? '' : `.${result.schema}`}`;
  const outcome =
    result.status === 'failed'
      ? `FAILED ${result.migration ?? ''}: ${result.error}`
      : result.applied.length > 0
        ? `applied ${result.applied.length}: ${result.applied.join(', ')}`
        : 'up to date';
  const cost = result.checkedInBulk ? 'ledger read in bulk' : `${result.durationMs} ms`;
  return `[${String(done).padStart(width)}/${total}] ${result.status.padEnd(7)} ${result.label} (${place}) ${cost} — ${outcome}`;
}

function summary(report: FleetReport, stateFile: string): string {
  const { counts } = report;
  const lines = [
    `db:migrate: ${report.ok ? 'done' : 'STOPPED'} in ${(report.durationMs / 1000).toFixed(1)} s — ` +
      `${counts.applied} migrated, ${counts.current} up to date, ${counts.done_before} done before, ` +
      `${counts.failed} failed, ${counts.not_attempted} not attempted`,
    ...report.servers.map(
      (server) =>
        `  ${server.server}: ${server.targets} target(s), ${server.checkedInBulk} current by their ledgers read in bulk, ` +
        `${server.concurrency} at a time, ${server.connectionsOpened} session(s) opened`,
    ),
    `  report: ${stateFile}`,
  ];
  if (!report.ok)
    lines.push('Fix the failing target, then run `pnpm db:migrate --resume` to continue.');
  return lines.join('\n');
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
  return current ? EXIT.ok : EXIT.failed;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(message(error));
    process.exit(error instanceof UsageError ? EXIT.usage : EXIT.failed);
  },
);

// pnpm bench:migrate-fleet [--json] [--schemas N] [--databases N] [--concurrency N]
//                           [--keep] [--reuse] [--build clone|migrate]
//
// `pnpm db:migrate`'s fan-out at fleet size: N schema clinics (default 10,000) in the shared
// database of the bench server and M database clinics (default 100), half on that server and
// half on a second, embedded server, all in one registry. Three passes of migrateFleet over
// every target, as `pnpm db:migrate` runs it: every migration from empty, a no-op run, and one
// additive migration (a column and an index on a tenant table, named for the run, so a kept
// fleet takes a new one each time). With --reuse, on a fleet kept by an earlier --keep run, the
// pass from empty is skipped (the fleet is already migrated) and said to be. A fleet built with
// --build clone (the default from 5,000 schema clinics; ../fleet/clone-fleet.ts) is migrated
// when built, so that pass is skipped too: it is measured on migrated fleets of 1,000 and 3,000. Reports each pass's
// time and the targets (no-op < 30 s, additive < 3 min on 2 cores). See
// docs/performance.md.
import os from 'node:os';
import {
  checksumOf,
  migrateFleet,
  type FleetReport,
  type Migration,
} from '@eventora/tenancy/migrations';

import {
  fleetBuild,
  fleetFlags,
  FLEET_FLAGS_HELP,
  helpRequested,
  wholeNumber,
} from '../fleet/fleet-options';
import { openFleet } from '../fleet/open-fleet';

const log = (line: string) => console.error(`[bench:migrate-fleet] ${line}`);

interface Options {
  json: boolean;
  schemas: number;
  databases: number;
  concurrency: number;
  keep: boolean;
  reuse: boolean;
  build: 'clone' | 'migrate';
}

function readOptions(argv: string[]): Options {
  helpRequested(
    argv,
    'pnpm bench:migrate-fleet [--json] [--schemas N] [--databases N] [--concurrency N]\n' +
      '                          [--keep] [--reuse] [--build clone|migrate]\n' +
      '  defaults: 10000 schema clinics, 100 database clinics (half on a second, embedded server),\n' +
      '  concurrency 4 per server. Passes: every migration from empty (skipped with --reuse and\n' +
      '  on a cloned fleet, which is built migrated),\n' +
      '  a no-op, one additive migration (new for each run).\n' +
      FLEET_FLAGS_HELP +
      '\n' +
      '  DATABASE_URL: a local superuser, or an embedded server; BENCH_SECOND_PG_PORT: the second\n' +
      "  server's port (default: any free port).",
  );
  const number = (flag: string, fallback: number, min: number) =>
    wholeNumber(argv, flag, fallback, min);
  const schemas = number('--schemas', 10_000, 0);
  return {
    json: argv.includes('--json'),
    schemas,
    databases: number('--databases', 100, 0),
    concurrency: number('--concurrency', 4, 1),
    ...fleetFlags(argv),
    build: fleetBuild(argv, schemas),
  };
}

/**
 * The additive migration of the third pass: a column and an index on a tenant table, named for
 * this run (UTC seconds), so that on a kept fleet it is new and really applied.
 */
function additiveMigration(): Migration {
  const run = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
  const sql =
    `ALTER TABLE reservations ADD COLUMN bench_label_${run} text;\n` +
    `CREATE INDEX reservations_bench_${run}_idx ON reservations (clinic_id, bench_label_${run});\n`;
  return { name: `29991231000000_bench_additive_${run}`, sql, checksum: checksumOf(sql) };
}

async function main(): Promise<void> {
  const options = readOptions(process.argv.slice(2));
  // The machine is shared: the load around the run says whether its figures are quiet ones.
  const loadAtStart = loadAverage();
  const fleet = await openFleet(options, log, {
    reuse: options.reuse,
    build: options.build,
  });
  try {
    const { targets, migrations } = fleet;
    const pass = async (label: string, set: Migration[]): Promise<FleetReport> => {
      log(`${label}: ${targets.length} targets…`);
      let done = 0;
      const report = await migrateFleet(targets, set, {
        concurrency: options.concurrency,
        onTarget: () => {
          if (++done % 1000 === 0) log(`  ${done}/${targets.length}`);
        },
      });
      if (!report.ok) {
        const failed = report.targets.find((target) => target.status === 'failed');
        throw new Error(`${label} failed at ${failed?.label}: ${failed?.error}`);
      }
      log(`${label}: ${(report.durationMs / 1000).toFixed(1)} s`);
      return report;
    };
    const full = fleet.migrated ? undefined : await pass('every migration from empty', migrations);
    const skipped = fleet.built
      ? 'a cloned fleet, already migrated: this pass is measured on --build migrate fleets (1,000 and 3,000 in docs/performance.md)'
      : 'reused a kept fleet';
    if (!full) log(`every migration from empty: skipped (${skipped})`);
    const noop = await pass('no-op', migrations);
    if (noop.counts.applied > 0) {
      throw new Error(
        `the no-op pass applied migrations to ${noop.counts.applied} targets: the kept fleet was ` +
          'behind the repository (built before a migration landed?), so that was no no-op. It is ' +
          'current now: run again.',
      );
    }
    const additive = await pass('one additive migration', [...migrations, additiveMigration()]);

    const summary = (report: FleetReport) => ({
      seconds: Number((report.durationMs / 1000).toFixed(1)),
      // Targets that applied something (all for a real migration, none for the no-op).
      targetsApplied: report.counts.applied,
      servers: report.servers,
    });
    const fullFleet = options.schemas >= 10_000 && options.databases >= 100;
    const result = {
      machine: {
        cpus: os.cpus().length,
        server: fleet.server.description,
        loadAverage: { start: loadAtStart, end: loadAverage() },
      },
      targets: { total: targets.length, schemas: options.schemas, databases: options.databases },
      concurrencyPerServer: options.concurrency,
      migrations: migrations.length,
      fleet: fleet.built ? (options.keep ? 'built, kept' : 'built, dropped') : 'reused, kept',
      build: fleet.built ? options.build : undefined,
      clone: fleet.clone,
      everyMigrationFromEmpty: full ? summary(full) : { skipped },
      // The targets are for the fleet; a smaller run says nothing about them.
      noop: {
        ...summary(noop),
        targetSeconds: 30,
        met: fullFleet ? noop.durationMs < 30_000 : null,
      },
      additive: {
        ...summary(additive),
        targetSeconds: 180,
        met: fullFleet ? additive.durationMs < 180_000 : null,
      },
    };
    console.log(options.json ? JSON.stringify(result, null, 2) : render(result));
  } finally {
    await fleet.close(options.keep);
  }
}

/** The 1, 5 and 15 minute load averages, to one decimal. */
const loadAverage = () => os.loadavg().map((load) => Math.round(load * 10) / 10);

const verdict = (met: boolean | null) =>
  met === null ? 'not judged: a smaller fleet' : met ? 'met' : 'MISSED';

function render(result: {
  machine: { loadAverage: { start: number[]; end: number[] } };
  targets: { total: number };
  fleet: string;
  everyMigrationFromEmpty: { seconds: number } | { skipped: string };
  noop: { seconds: number; met: boolean | null };
  additive: { seconds: number; met: boolean | null };
}): string {
  return [
    `targets: ${result.targets.total}`,
    `fleet: ${result.fleet}`,
    `load average (1/5/15 min): ${result.machine.loadAverage.start.join(' ')} at the start, ${result.machine.loadAverage.end.join(' ')} at the end`,
    'seconds' in result.everyMigrationFromEmpty
      ? `every migration from empty: ${result.everyMigrationFromEmpty.seconds} s`
      : `every migration from empty: skipped (${result.everyMigrationFromEmpty.skipped})`,
    `no-op: ${result.noop.seconds} s (target < 30 s: ${verdict(result.noop.met)})`,
    `one additive migration: ${result.additive.seconds} s (target < 180 s: ${verdict(result.additive.met)})`,
  ].join('\n');
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);

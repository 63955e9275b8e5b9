// pnpm bench:migrate-fleet [--json] [--schemas N] [--databases N] [--concurrency N] [--keep]
//
// `pnpm db:migrate`'s fan-out at fleet size: N schema clinics (default 10,000) in the shared
// database of the bench server and M database clinics (default 100), half on that server and
// half on a second, embedded server, all in one registry. Three passes of migrateFleet over
// every target, as `pnpm db:migrate` runs it: every migration from empty, a no-op run, and one
// additive migration (a column and an index on a tenant table). Reports each pass's time and
// the targets (no-op < 30 s, additive < 3 min on 2 cores). See docs/performance.md.
import os from 'node:os';
import {
  checksumOf,
  migrateFleet,
  type FleetReport,
  type Migration,
} from '@eventora/tenancy/migrations';

import { openFleet } from '../fleet/open-fleet';

const log = (line: string) => console.error(`[bench:migrate-fleet] ${line}`);

interface Options {
  json: boolean;
  schemas: number;
  databases: number;
  concurrency: number;
  keep: boolean;
}

function readOptions(argv: string[]): Options {
  if (argv.includes('--help')) {
    console.log(
      'pnpm bench:migrate-fleet [--json] [--schemas N] [--databases N] [--concurrency N] [--keep]\n' +
        '  defaults: 10000 schema clinics, 100 database clinics (half on a second, embedded server),\n' +
        '  concurrency 4 per server; --keep leaves the databases for inspection.\n' +
        '  DATABASE_URL: a local superuser, or an embedded server; BENCH_SECOND_PG_PORT: the second\n' +
        "  server's port (default: any free port).",
    );
    process.exit(0);
  }
  const number = (flag: string, fallback: number, min: number) => {
    const at = argv.indexOf(flag);
    const value = at >= 0 ? Number(argv[at + 1]) : fallback;
    if (!Number.isInteger(value) || value < min) {
      console.error(`${flag} takes a whole number ≥ ${min}`);
      process.exit(2);
    }
    return value;
  };
  return {
    json: argv.includes('--json'),
    schemas: number('--schemas', 10_000, 0),
    databases: number('--databases', 100, 0),
    concurrency: number('--concurrency', 4, 1),
    keep: argv.includes('--keep'),
  };
}

/** The additive migration of the third pass: a column and an index on a tenant table. */
function additiveMigration(): Migration {
  const sql =
    'ALTER TABLE reservations ADD COLUMN bench_label text;\n' +
    'CREATE INDEX reservations_clinic_id_bench_label_idx ON reservations (clinic_id, bench_label);\n';
  return { name: '29991231000000_bench_additive', sql, checksum: checksumOf(sql) };
}

async function main(): Promise<void> {
  const options = readOptions(process.argv.slice(2));
  const fleet = await openFleet(options, log);
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
    const full = await pass('every migration from empty', migrations);
    const noop = await pass('no-op', migrations);
    const additive = await pass('one additive migration', [...migrations, additiveMigration()]);

    const summary = (report: FleetReport) => ({
      seconds: Number((report.durationMs / 1000).toFixed(1)),
      servers: report.servers,
    });
    const fullFleet = options.schemas >= 10_000 && options.databases >= 100;
    const result = {
      machine: { cpus: os.cpus().length, server: fleet.server.description },
      targets: { total: targets.length, schemas: options.schemas, databases: options.databases },
      concurrencyPerServer: options.concurrency,
      migrations: migrations.length,
      everyMigrationFromEmpty: summary(full),
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

const verdict = (met: boolean | null) =>
  met === null ? 'not judged: a smaller fleet' : met ? 'met' : 'MISSED';

function render(result: {
  targets: { total: number };
  everyMigrationFromEmpty: { seconds: number };
  noop: { seconds: number; met: boolean | null };
  additive: { seconds: number; met: boolean | null };
}): string {
  return [
    `targets: ${result.targets.total}`,
    `every migration from empty: ${result.everyMigrationFromEmpty.seconds} s`,
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

// The fleet benchmarks' command lines: `--flag N` whole numbers, `--help` text, exit code 2.

/** Prints `help` and exits 0 when `--help` is given. */
export function helpRequested(argv: string[], help: string): void {
  if (!argv.includes('--help')) return;
  console.log(help);
  process.exit(0);
}

/** `--flag N`, a whole number of at least `min` (else a message and exit 2), or `fallback`. */
export function wholeNumber(argv: string[], flag: string, fallback: number, min: number): number {
  const at = argv.indexOf(flag);
  const value = at >= 0 ? Number(argv[at + 1]) : fallback;
  if (!Number.isInteger(value) || value < min) {
    console.error(`${flag} takes a whole number ≥ ${min}`);
    process.exit(2);
  }
  return value;
}

/** `--keep` and `--reuse` (see open-fleet.ts): a reused fleet is kept whatever the flags. */
export function fleetFlags(argv: string[]): { keep: boolean; reuse: boolean } {
  return { keep: argv.includes('--keep'), reuse: argv.includes('--reuse') };
}

/** A new fleet is cloned from this many schema clinics up unless `--build migrate`. */
export const CLONE_FROM_SCHEMAS = 5000;

/**
 * `--build clone|migrate` (see clone-fleet.ts); the default clones from
 * {@link CLONE_FROM_SCHEMAS} schema clinics up, where migrating each schema takes hours.
 */
export function fleetBuild(argv: string[], schemas: number): 'clone' | 'migrate' {
  const at = argv.indexOf('--build');
  if (at < 0) return schemas >= CLONE_FROM_SCHEMAS ? 'clone' : 'migrate';
  const value = argv[at + 1];
  if (value !== 'clone' && value !== 'migrate') {
    console.error('--build takes clone or migrate');
    process.exit(2);
  }
  return value;
}

/** The `--help` lines on keeping and reusing a fleet, the same in every fleet bench. */
export const FLEET_FLAGS_HELP =
  '  --keep leaves the fleet: its databases (eventora_bench_fleet_<N>s_<M>d*) on the bench\n' +
  '  server, the second server\u2019s data in os.tmpdir()/eventora-bench-fleet/<N>s-<M>d. --reuse\n' +
  '  runs on the kept fleet of that size (same DATABASE_URL) without building it, and never\n' +
  '  drops it; with none, it exits 2. Fleets of other sizes are left alone.' +
  '\n' +
  '  --build clone (the default from 5000 schema clinics) migrates one schema with the runner,\n' +
  '  then creates every other from its pg_dump, and fails unless the first, middle and last\n' +
  '  clones dump and ledger equal to it; the database clinics are migrated by the runner.\n' +
  '  Replaying every migration into each schema (--build migrate) grows with the schemas\n' +
  '  already there: about 4.4 hours for 10,000 (docs/performance.md).';

import { parseArgs } from 'node:util';

export interface BenchOptions {
  /** Print the results as one JSON object on the last line too. */
  json: boolean;
  /** Timed operations per contender and operation at concurrency 1. */
  iterations: number;
  /** Untimed operations per contender and operation before anything is measured. */
  warmup: number;
  /** Length of one throughput round of one contender, in seconds. */
  seconds: number;
  /** Throughput rounds; each round runs every contender once, in a shuffled order. */
  rounds: number;
  /** Operations in flight at once during throughput rounds (each contender pools as many connections). */
  concurrency: number;
  /** EXPLAIN ANALYZE runs per side (RLS on, RLS off). */
  explainRuns: number;
  /** Throughput workers issue their next operation in the same tick (see measureThroughput). */
  lockstep: boolean;
  /** Drop and reload the dataset even when a complete one is there. */
  rebuild: boolean;
}

const USAGE = `pnpm bench:tenancy [--json] [--iterations N] [--warmup N] [--seconds S] [--rounds N]
                   [--concurrency N] [--explain-runs N] [--lockstep] [--rebuild]`;

/** Reads the command line; defaults give a full run of a few minutes on 2 cores. */
export function readOptions(argv: string[] = process.argv.slice(2)): BenchOptions {
  const { values } = parseArgs({
    args: argv.filter((arg) => arg !== '--'),
    options: {
      json: { type: 'boolean', default: false },
      iterations: { type: 'string', default: '3000' },
      warmup: { type: 'string', default: '300' },
      seconds: { type: 'string', default: '0.5' },
      rounds: { type: 'string', default: '32' },
      concurrency: { type: 'string', default: '16' },
      'explain-runs': { type: 'string', default: '101' },
      lockstep: { type: 'boolean', default: false },
      rebuild: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  return {
    json: values.json,
    iterations: positive('iterations', values.iterations, 1_000_000),
    warmup: positive('warmup', values.warmup, 1_000_000, 0),
    seconds: positive('seconds', values.seconds, 600, 0.1),
    rounds: positive('rounds', values.rounds, 100),
    concurrency: positive('concurrency', values.concurrency, 20),
    explainRuns: positive('explain-runs', values['explain-runs'], 1000),
    lockstep: values.lockstep,
    rebuild: values.rebuild,
  };
}

// Bounded: every loop of the benchmark stops by itself, so its inputs are bounded too.
function positive(name: string, raw: string, max: number, min = 1): number {
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min || value > max) {
    throw new Error(`--${name} must be a number from ${min} to ${max} (got ${raw}).\n${USAGE}`);
  }
  return name === 'seconds' ? value : Math.floor(value);
}

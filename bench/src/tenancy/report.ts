import { BASELINE, CONTENDER_KEYS, CONTENDER_LABELS, type ContenderKey } from './contenders';
import type { ExplainResult } from './explain';
import type { MachineFacts } from './machine';
import type { PerContender, ThroughputRounds } from './measure';
import type { ProtocolCounts } from './protocol-counter';
import { OPERATION_LABELS, OPERATIONS, type Operation } from './queries';
import { median, percentile } from './stats';

/** The targets for (a), the tenant client. */
export const TARGETS = {
  maxP50RatioVsPlain: 1.25,
  minThroughputRatioVsPlain: 0.8,
  maxRlsOnOffRatio: 1.1,
} as const;

export interface OperationResult {
  p50_ms: number;
  p99_ms: number;
  p50_ratio_vs_plain: number;
  p99_ratio_vs_plain: number;
  /** Median over rounds. */
  ops_per_s: number;
  /** Median over rounds of this contender's ops/s divided by (b)'s in the same round. */
  throughput_ratio_vs_plain: number;
  /** Lowest and highest per-round ratio: how much single rounds swing. */
  throughput_ratio_range: [number, number];
  /** Node CPU (user + system) per operation during throughput rounds, median over rounds. */
  cpu_us_per_op: number;
  /** Postgres backends' CPU per operation during throughput rounds, median over rounds (null: not readable). */
  server_cpu_us_per_op: number | null;
  /**
   * (b)'s Node + Postgres CPU per operation divided by this contender's: the throughput ratio
   * to expect when CPU is all that limits, as on 2 cores. Steadier than measured throughput on a
   * machine shared with other work; a diagnostic, not the target.
   */
  cpu_bound_throughput_estimate_vs_plain: number | null;
  /** Round trips per operation, run alone at concurrency 1. */
  round_trips: number;
  statements: number;
  /** Round trips per operation during throughput rounds (below 1: operations were batched). */
  round_trips_under_load: number;
}

export interface RunInfo {
  server: string;
  setup: { seconds: number; reused: boolean; reservations: number; clinics: number };
  iterations: number;
  warmup: number;
  rounds: number;
  seconds_per_round: number;
  concurrency: number;
  /** Throughput workers issued operations in the same tick instead of one macrotask each. */
  lockstep: boolean;
  benchmark_seconds: number;
  load_average_at_end: number;
}

export type Results = ReturnType<typeof buildResults>;

export function buildResults(input: {
  latency: PerContender<number[]>;
  throughput: PerContender<ThroughputRounds>;
  protocol: PerContender<ProtocolCounts>;
  explain: ExplainResult;
  machine: MachineFacts;
  run: RunInfo;
}) {
  const { latency, throughput, protocol, explain } = input;
  const operations = Object.fromEntries(
    OPERATIONS.map((op) => [
      op,
      Object.fromEntries(
        CONTENDER_KEYS.map((key) => [key, operationResult(key, op, latency, throughput, protocol)]),
      ),
    ]),
  ) as Record<Operation, Record<ContenderKey, OperationResult>>;

  // Headlines are the worse of the two operations, so a target cannot pass on an average.
  const worstP50 = (key: ContenderKey) =>
    Math.max(...OPERATIONS.map((op) => operations[op][key].p50_ratio_vs_plain));
  const worstP99 = (key: ContenderKey) =>
    Math.max(...OPERATIONS.map((op) => operations[op][key].p99_ratio_vs_plain));
  const worstThroughput = (key: ContenderKey) =>
    Math.min(...OPERATIONS.map((op) => operations[op][key].throughput_ratio_vs_plain));
  const perContender = (pick: (key: ContenderKey) => number) =>
    Object.fromEntries(CONTENDER_KEYS.map((key) => [key, pick(key)])) as Record<
      ContenderKey,
      number
    >;

  const each = (check: (op: Operation) => boolean) => OPERATIONS.every(check);
  const targets = {
    p50_within_1_25x_of_plain: each(
      (op) => operations[op].tenant_client.p50_ratio_vs_plain <= TARGETS.maxP50RatioVsPlain,
    ),
    throughput_at_least_0_8x_of_plain: each(
      (op) =>
        operations[op].tenant_client.throughput_ratio_vs_plain >= TARGETS.minThroughputRatioVsPlain,
    ),
    p50_ahead_of_example: each(
      (op) => operations[op].tenant_client.p50_ms < operations[op].rls_example.p50_ms,
    ),
    throughput_ahead_of_example: each(
      (op) =>
        operations[op].tenant_client.throughput_ratio_vs_plain >
        operations[op].rls_example.throughput_ratio_vs_plain,
    ),
    rls_on_within_1_1x_of_off: explain.ratio <= TARGETS.maxRlsOnOffRatio,
    index_scan_with_rls_on_and_off: explain.rlsOn.indexScan && explain.rlsOff.indexScan,
  };

  return {
    benchmark: 'tenancy',
    p50_ratio_vs_plain: worstP50('tenant_client'),
    p99_ratio_vs_plain: worstP99('tenant_client'),
    throughput_ratio_vs_plain: worstThroughput('tenant_client'),
    example_p50_ratio_vs_plain: worstP50('rls_example'),
    example_throughput_ratio_vs_plain: worstThroughput('rls_example'),
    raw_p50_ratio_vs_plain: worstP50('raw_pg'),
    raw_throughput_ratio_vs_plain: worstThroughput('raw_pg'),
    rls_on_off_ratio: explain.ratio,
    rls_on_off_ratio_with_node_timing: explain.ratioNodeTiming,
    round_trips_per_op: perContender((key) =>
      Math.max(...OPERATIONS.map((op) => operations[op][key].round_trips)),
    ),
    statements_per_op: perContender((key) =>
      Math.max(...OPERATIONS.map((op) => operations[op][key].statements)),
    ),
    round_trips_counted_as:
      'Sync messages (end of an extended-protocol pipeline) plus simple-protocol Query messages, counted on pg.Connection',
    headline_ratios_are: 'the worse of the two operations (list, lookup)',
    targets: { ...targets, all_met: Object.values(targets).every(Boolean) },
    operations,
    explain: {
      runs: explain.runs,
      timing:
        'ratio and execution times from EXPLAIN (ANALYZE, BUFFERS, TIMING OFF); *_node_timing with TIMING ON',
      rls_on_execution_ms: explain.rlsOn.executionMs,
      rls_off_execution_ms: explain.rlsOff.executionMs,
      rls_on_execution_ms_node_timing: explain.rlsOn.executionMsNodeTiming,
      rls_off_execution_ms_node_timing: explain.rlsOff.executionMsNodeTiming,
      rls_on_planning_ms: explain.rlsOn.planningMs,
      rls_off_planning_ms: explain.rlsOff.planningMs,
      rls_on_buffers_hit: explain.rlsOn.buffersHit,
      rls_on_buffers_read: explain.rlsOn.buffersRead,
      rls_off_buffers_hit: explain.rlsOff.buffersHit,
      rls_off_buffers_read: explain.rlsOff.buffersRead,
      paired_ratio: explain.pairedRatio,
      p10_ratio: explain.lowRatio,
      rls_on_index_scan: explain.rlsOn.indexScan,
      rls_off_index_scan: explain.rlsOff.indexScan,
      rls_on_plan: explain.rlsOn.plan,
      rls_off_plan: explain.rlsOff.plan,
    },
    run: input.run,
    machine: input.machine,
  };
}

function operationResult(
  key: ContenderKey,
  op: Operation,
  latency: PerContender<number[]>,
  throughput: PerContender<ThroughputRounds>,
  protocol: PerContender<ProtocolCounts>,
): OperationResult {
  const p50 = (k: ContenderKey) => percentile(latency[k][op], 50);
  const p99 = (k: ContenderKey) => percentile(latency[k][op], 99);
  const totalCpu = (k: ContenderKey) => {
    const server = throughput[k][op].serverCpuMicrosPerOp;
    return server.length ? median(throughput[k][op].cpuMicrosPerOp) + median(server) : null;
  };
  const ownCpu = totalCpu(key);
  const baselineCpu = totalCpu(BASELINE);
  const rounds = throughput[key][op].opsPerSecond;
  const baseline = throughput[BASELINE][op].opsPerSecond;
  const perRound = rounds.map((ops, round) => ops / baseline[round]!);
  return {
    p50_ms: p50(key),
    p99_ms: p99(key),
    p50_ratio_vs_plain: p50(key) / p50(BASELINE),
    p99_ratio_vs_plain: p99(key) / p99(BASELINE),
    ops_per_s: median(rounds),
    throughput_ratio_vs_plain: median(perRound),
    throughput_ratio_range: [Math.min(...perRound), Math.max(...perRound)],
    cpu_us_per_op: median(throughput[key][op].cpuMicrosPerOp),
    server_cpu_us_per_op: throughput[key][op].serverCpuMicrosPerOp.length
      ? median(throughput[key][op].serverCpuMicrosPerOp)
      : null,
    cpu_bound_throughput_estimate_vs_plain: ownCpu && baselineCpu ? baselineCpu / ownCpu : null,
    round_trips: protocol[key][op].roundTrips,
    statements: protocol[key][op].statements,
    round_trips_under_load: median(throughput[key][op].roundTripsPerOp),
  };
}

/** The human-readable report. */
export function renderTable(results: Results): string {
  const { machine, run, explain } = results;
  const lines: string[] = [];
  lines.push(
    `Eventora tenancy benchmark: PostgreSQL ${machine.postgres} (${run.server}), ${machine.cpus} cores (${machine.cpuModel}), ` +
      `Node ${machine.node}, Prisma ${machine.prisma}`,
    `dataset: ${run.setup.clinics} clinics, ${run.setup.reservations.toLocaleString('en-US')} reservations ` +
      `(RLS tables + a copy without RLS); setup ${run.setup.reused ? 'reused it' : 'loaded it'} in ${run.setup.seconds.toFixed(1)} s`,
    `latency: ${run.iterations} iterations per contender and operation at concurrency 1, interleaved, after ${run.warmup} warm-up iterations`,
    `throughput: ${run.rounds} rounds × ${run.seconds_per_round} s per contender and operation at concurrency ${run.concurrency}, contenders alternating, ` +
      (run.lockstep
        ? 'workers in lockstep (--lockstep)'
        : 'each operation started in its own macrotask'),
    `load average (1 min): ${machine.loadAverageAtStart.toFixed(2)} at start, ${run.load_average_at_end.toFixed(2)} at end; ` +
      `benchmark ${run.benchmark_seconds.toFixed(0)} s`,
    '',
    'Ratios are to (b). "ops/s ×" is the median over rounds of the ratio within a round; "rounds ×" its range.',
    'Node µs/op: CPU of this process (Prisma, pg, the extension) per operation during the throughput rounds;',
    'PG µs/op: CPU of the Postgres backends serving it (/proc/<pid>/schedstat), same rounds.',
    "CPU est. ×: (b)'s Node + PG µs/op over this contender's, the throughput ratio when CPU alone limits (diagnostic).",
    'trips: round trips per operation = Sync + simple Query messages, counted on pg.Connection, one operation at a time;',
    'stmts: Execute + simple Query messages; trips@16: round trips per operation during the throughput rounds.',
    '',
  );
  const header = [
    'contender',
    'p50 ms',
    'p99 ms',
    'p50 ×',
    'p99 ×',
    'ops/s',
    'ops/s ×',
    'rounds ×',
    'Node µs/op',
    'PG µs/op',
    'CPU est. ×',
    'trips',
    'stmts',
    'trips@16',
  ];
  for (const op of OPERATIONS) {
    lines.push(OPERATION_LABELS[op]);
    const rows = CONTENDER_KEYS.map((key) => {
      const r = results.operations[op][key];
      return [
        CONTENDER_LABELS[key],
        r.p50_ms.toFixed(3),
        r.p99_ms.toFixed(3),
        r.p50_ratio_vs_plain.toFixed(2),
        r.p99_ratio_vs_plain.toFixed(2),
        r.ops_per_s.toFixed(0),
        r.throughput_ratio_vs_plain.toFixed(2),
        `${r.throughput_ratio_range[0].toFixed(2)}–${r.throughput_ratio_range[1].toFixed(2)}`,
        r.cpu_us_per_op.toFixed(0),
        r.server_cpu_us_per_op === null ? 'n/a' : r.server_cpu_us_per_op.toFixed(0),
        r.cpu_bound_throughput_estimate_vs_plain === null
          ? 'n/a'
          : r.cpu_bound_throughput_estimate_vs_plain.toFixed(2),
        formatCount(r.round_trips),
        formatCount(r.statements),
        r.round_trips_under_load.toFixed(2),
      ];
    });
    lines.push(...alignColumns([header, ...rows]).map((line) => `  ${line}`), '');
  }
  lines.push(
    `EXPLAIN (ANALYZE, BUFFERS) of the list query, median of ${explain.runs} runs per side (both sides warmed first);`,
    '  execution times with TIMING OFF, [with per-node timing]:',
    `  RLS on  (eventora_app, public, clinic bound): execution ${explain.rls_on_execution_ms.toFixed(3)} ms ` +
      `[${explain.rls_on_execution_ms_node_timing.toFixed(3)}], ` +
      `planning ${explain.rls_on_planning_ms.toFixed(3)} ms, buffers ${explain.rls_on_buffers_hit} hit ${explain.rls_on_buffers_read} read, ` +
      `index scan: ${explain.rls_on_index_scan ? 'yes' : 'NO'}`,
    `  RLS off (eventora_app, bench_plain):           execution ${explain.rls_off_execution_ms.toFixed(3)} ms ` +
      `[${explain.rls_off_execution_ms_node_timing.toFixed(3)}], ` +
      `planning ${explain.rls_off_planning_ms.toFixed(3)} ms, buffers ${explain.rls_off_buffers_hit} hit ${explain.rls_off_buffers_read} read, ` +
      `index scan: ${explain.rls_off_index_scan ? 'yes' : 'NO'}`,
    `  execution time ratio on/off: ${results.rls_on_off_ratio.toFixed(2)} (ratio of medians, TIMING OFF); ` +
      `with per-node timing ${results.rls_on_off_ratio_with_node_timing.toFixed(2)}`,
    `  diagnostics (TIMING OFF): median of paired ratios ${explain.paired_ratio.toFixed(2)}, ` +
      `ratio of 10th percentiles ${explain.p10_ratio.toFixed(2)}`,
    '',
    'Targets for (a), each on both operations:',
  );
  // Three decimals: a ratio of 0.796 must not read as a met 0.80.
  const t = results.targets;
  const mark = (ok: boolean) => (ok ? 'met    ' : 'MISSED ');
  lines.push(
    `  ${mark(t.p50_within_1_25x_of_plain)} p50 within ${TARGETS.maxP50RatioVsPlain}× of (b): ${results.p50_ratio_vs_plain.toFixed(3)}× (worse operation)`,
    `  ${mark(t.throughput_at_least_0_8x_of_plain)} throughput at least ${TARGETS.minThroughputRatioVsPlain}× of (b): ${results.throughput_ratio_vs_plain.toFixed(3)}× (worse operation)`,
    `  ${mark(t.p50_ahead_of_example)} p50 ahead of (d): (d) is ${results.example_p50_ratio_vs_plain.toFixed(3)}× of (b) (worse operation)`,
    `  ${mark(t.throughput_ahead_of_example)} throughput ahead of (d): (d) is ${results.example_throughput_ratio_vs_plain.toFixed(3)}× of (b) (worse operation)`,
    `  ${mark(t.rls_on_within_1_1x_of_off)} RLS on within ${TARGETS.maxRlsOnOffRatio}× of RLS off: ${results.rls_on_off_ratio.toFixed(3)}× ` +
      `(TIMING OFF; ${results.rls_on_off_ratio_with_node_timing.toFixed(3)}× with per-node timing)`,
    `  ${mark(t.index_scan_with_rls_on_and_off)} index scan on ${'reservations_clinic_id_starts_at_idx'} with RLS on and off`,
    '',
    'Plan with RLS on:',
    indent(explain.rls_on_plan),
    'Plan with RLS off:',
    indent(explain.rls_off_plan),
  );
  return lines.join('\n');
}

function formatCount(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(2);
}

function alignColumns(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
  return rows.map((row) =>
    row
      .map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!)))
      .join('  '),
  );
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `    ${line}`)
    .join('\n');
}

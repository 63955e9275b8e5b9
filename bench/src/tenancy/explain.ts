import type pg from 'pg';

import { withClient } from '@eventora/tenancy/with-client';
import type { CapturedSql, Sample } from './queries';
import { median, percentile } from './stats';

/** The index the list must be served from, with RLS on and off alike. */
export const LIST_INDEX = 'reservations_clinic_id_starts_at_idx';

export interface ExplainSide {
  /** Median "Execution Time" over the runs, in ms, with TIMING OFF (see explainList). */
  executionMs: number;
  /** The same with EXPLAIN ANALYZE's default per-node timing. */
  executionMsNodeTiming: number;
  /** Median "Planning Time" over the runs, in ms (the policies are expanded at planning). */
  planningMs: number;
  /** Whether every run scanned the list index (Index Scan or Index Only Scan). */
  indexScan: boolean;
  /** Median shared buffers found in Postgres' cache per run. */
  buffersHit: number;
  /** Median shared buffers read from outside it per run (0 when both sides start equally warm). */
  buffersRead: number;
  /** One run's plan in text form, for the docs. */
  plan: string;
}

export interface ExplainResult {
  runs: number;
  rlsOn: ExplainSide;
  rlsOff: ExplainSide;
  /** Median execution time with RLS on divided by the same with RLS off (TIMING OFF). */
  ratio: number;
  /** The same ratio with per-node timing on, as plain EXPLAIN ANALYZE measures. */
  ratioNodeTiming: number;
  /**
   * Diagnostics, not the headline (TIMING OFF): the median of the ratios within each pair
   * (both sides ran back to back), and the ratio of the 10th percentiles (runs other work left
   * alone).
   */
  pairedRatio: number;
  lowRatio: number;
}

interface PlanNode {
  'Node Type': string;
  'Index Name'?: string;
  Plans?: PlanNode[];
  'Shared Hit Blocks'?: number;
  'Shared Read Blocks'?: number;
}
interface JsonPlan {
  Plan: PlanNode;
  'Planning Time': number;
  'Execution Time': number;
}

/** Distinct samples the runs cycle through: their pages, on both sides, fit in 128 MB of shared buffers. */
const EXPLAIN_SAMPLES = 50;

/**
 * `EXPLAIN (ANALYZE, BUFFERS)` of the list query with RLS on (eventora_app on the RLS tables,
 * clinic bound with set_config inside a transaction, as the tenant client binds it) and off
 * (eventora_app on the plain copy), the same sample on both sides of each pair, alternating
 * which side goes first. Both sides are read once before timing: otherwise whichever table the
 * previous phase touched last would be warmer, and that, not RLS, would decide the ratio.
 *
 * The ratio comes from runs with TIMING OFF. With RLS the plan has one node more (a Result
 * gating on the policy's InitPlan), and with per-node timing EXPLAIN reads the clock twice per
 * row per node: for 50 rows that instrumentation alone adds about 5 µs to a 80 µs query, a cost
 * the query does not have outside EXPLAIN. Runs with timing on are made too and reported beside
 * it; the plans shown are from those.
 */
export async function explainList(
  appUrl: string,
  sql: { rls: CapturedSql; plain: CapturedSql },
  samples: Sample[],
  runs: number,
): Promise<ExplainResult> {
  return withClient(appUrl, async (client) => {
    const cycle = samples.slice(0, EXPLAIN_SAMPLES);
    for (const sample of cycle) {
      await explainBound(client, sql.rls, sample, 'JSON', true);
      await explain(client, sql.plain, sample, 'JSON', true);
    }
    const on: JsonPlan[] = [];
    const off: JsonPlan[] = [];
    const onTimed: JsonPlan[] = [];
    const offTimed: JsonPlan[] = [];
    for (let i = 0; i < runs; i++) {
      const sample = cycle[i % cycle.length]!;
      const sides = [
        async () => on.push(await explainBound(client, sql.rls, sample, 'JSON', false)),
        async () => off.push(await explain(client, sql.plain, sample, 'JSON', false)),
        async () => onTimed.push(await explainBound(client, sql.rls, sample, 'JSON', true)),
        async () => offTimed.push(await explain(client, sql.plain, sample, 'JSON', true)),
      ];
      for (const side of i % 2 === 0 ? sides : sides.reverse()) await side();
    }
    const probe = samples[0]!;
    const rlsOn = summarise(on, onTimed, await explainBound(client, sql.rls, probe, 'TEXT', true));
    const rlsOff = summarise(off, offTimed, await explain(client, sql.plain, probe, 'TEXT', true));
    return {
      runs,
      rlsOn,
      rlsOff,
      ratio: rlsOn.executionMs / rlsOff.executionMs,
      ratioNodeTiming: rlsOn.executionMsNodeTiming / rlsOff.executionMsNodeTiming,
      pairedRatio: median(on.map((plan, i) => plan['Execution Time'] / off[i]!['Execution Time'])),
      lowRatio: percentile(execution(on), 10) / percentile(execution(off), 10),
    };
  });
}

async function explainBound<F extends 'JSON' | 'TEXT'>(
  client: pg.Client,
  sql: CapturedSql,
  sample: Sample,
  format: F,
  timing: boolean,
): Promise<F extends 'JSON' ? JsonPlan : string> {
  await client.query('BEGIN');
  try {
    await client.query("SELECT set_config('app.current_tenant', $1, true)", [sample.clinic.id]);
    return await explain(client, sql, sample, format, timing);
  } finally {
    await client.query('COMMIT');
  }
}

async function explain<F extends 'JSON' | 'TEXT'>(
  client: pg.Client,
  sql: CapturedSql,
  sample: Sample,
  format: F,
  timing: boolean,
): Promise<F extends 'JSON' ? JsonPlan : string> {
  const { rows } = await client.query<Record<string, unknown>>({
    text: `EXPLAIN (ANALYZE, BUFFERS, TIMING ${timing ? 'ON' : 'OFF'}, FORMAT ${format}) ${sql.text}`,
    values: sql.values(sample),
  });
  const output =
    format === 'JSON'
      ? (rows[0]!['QUERY PLAN'] as JsonPlan[])[0]!
      : rows.map((row) => String(row['QUERY PLAN'])).join('\n');
  return output as F extends 'JSON' ? JsonPlan : string;
}

function execution(plans: JsonPlan[]): number[] {
  return plans.map((p) => p['Execution Time']);
}

function summarise(plans: JsonPlan[], timed: JsonPlan[], text: string): ExplainSide {
  return {
    executionMs: median(execution(plans)),
    executionMsNodeTiming: median(execution(timed)),
    planningMs: median(plans.map((p) => p['Planning Time'])),
    indexScan: [...plans, ...timed].every((p) => usesListIndex(p.Plan)),
    buffersHit: median(plans.map((p) => p.Plan['Shared Hit Blocks'] ?? 0)),
    buffersRead: median(plans.map((p) => p.Plan['Shared Read Blocks'] ?? 0)),
    plan: text,
  };
}

function usesListIndex(node: PlanNode): boolean {
  const scans = node['Node Type'] === 'Index Scan' || node['Node Type'] === 'Index Only Scan';
  return (scans && node['Index Name'] === LIST_INDEX) || (node.Plans ?? []).some(usesListIndex);
}

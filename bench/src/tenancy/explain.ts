import type pg from 'pg';

import { withClient } from '../with-client';
import type { CapturedSql, Sample } from './queries';
import { median, percentile } from './stats';

/** The index the list must be served from, with RLS on and off alike. */
export const LIST_INDEX = 'reservations_clinic_id_starts_at_idx';

export interface ExplainSide {
  /** Median "Execution Time" over the runs, in ms. */
  executionMs: number;
  /** Median "Planning Time" over the runs, in ms (the policies are expanded at planning). */
  planningMs: number;
  /** Whether every run scanned the list index (Index Scan or Index Only Scan). */
  indexScan: boolean;
  /** Median shared buffers hit plus read per run. */
  buffers: number;
  /** One run's plan in text form, for the docs. */
  plan: string;
}

export interface ExplainResult {
  runs: number;
  rlsOn: ExplainSide;
  rlsOff: ExplainSide;
  /** Median execution time with RLS on divided by the same with RLS off. */
  ratio: number;
  /**
   * Diagnostics, not the headline: the median of the ratios within each pair (both sides ran
   * back to back), and the ratio of the 10th percentiles (runs other work left alone).
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

/**
 * `EXPLAIN (ANALYZE, BUFFERS)` of the list query with RLS on (eventora_app on the RLS tables,
 * clinic bound with set_config inside a transaction, as the tenant client binds it) and off
 * (eventora_app on the plain copy), the same sample on both sides of each pair, alternating
 * which side goes first.
 */
export async function explainList(
  appUrl: string,
  sql: { rls: CapturedSql; plain: CapturedSql },
  samples: Sample[],
  runs: number,
): Promise<ExplainResult> {
  return withClient(appUrl, async (client) => {
    const on: JsonPlan[] = [];
    const off: JsonPlan[] = [];
    for (let i = 0; i < runs; i++) {
      const sample = samples[i % samples.length]!;
      const sides = [
        async () => on.push(await explainBound(client, sql.rls, sample, 'JSON')),
        async () => off.push(await explain(client, sql.plain, sample, 'JSON')),
      ];
      for (const side of i % 2 === 0 ? sides : sides.reverse()) await side();
    }
    const probe = samples[0]!;
    const rlsOn = summarise(on, await explainBound(client, sql.rls, probe, 'TEXT'));
    const rlsOff = summarise(off, await explain(client, sql.plain, probe, 'TEXT'));
    const execution = (plans: JsonPlan[]) => plans.map((p) => p['Execution Time']);
    return {
      runs,
      rlsOn,
      rlsOff,
      ratio: rlsOn.executionMs / rlsOff.executionMs,
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
): Promise<F extends 'JSON' ? JsonPlan : string> {
  await client.query('BEGIN');
  try {
    await client.query("SELECT set_config('app.current_tenant', $1, true)", [sample.clinic.id]);
    return await explain(client, sql, sample, format);
  } finally {
    await client.query('COMMIT');
  }
}

async function explain<F extends 'JSON' | 'TEXT'>(
  client: pg.Client,
  sql: CapturedSql,
  sample: Sample,
  format: F,
): Promise<F extends 'JSON' ? JsonPlan : string> {
  const { rows } = await client.query<Record<string, unknown>>({
    text: `EXPLAIN (ANALYZE, BUFFERS, FORMAT ${format}) ${sql.text}`,
    values: sql.values(sample),
  });
  const output = format === 'JSON'
    ? (rows[0]!['QUERY PLAN'] as JsonPlan[])[0]!
    : rows.map((row) => String(row['QUERY PLAN'])).join('\n');
  return output as F extends 'JSON' ? JsonPlan : string;
}

function summarise(plans: JsonPlan[], text: string): ExplainSide {
  return {
    executionMs: median(plans.map((p) => p['Execution Time'])),
    planningMs: median(plans.map((p) => p['Planning Time'])),
    indexScan: plans.every((p) => usesListIndex(p.Plan)),
    buffers: median(plans.map((p) => (p.Plan['Shared Hit Blocks'] ?? 0) + (p.Plan['Shared Read Blocks'] ?? 0))),
    plan: text,
  };
}

function usesListIndex(node: PlanNode): boolean {
  const scans = node['Node Type'] === 'Index Scan' || node['Node Type'] === 'Index Only Scan';
  return (scans && node['Index Name'] === LIST_INDEX) || (node.Plans ?? []).some(usesListIndex);
}

import type { ClientBase } from 'pg';

import type { ClinicMode } from '../context/bound-clinic';
import type { TableFingerprint } from '../tables';
import type { IndexDefinition } from './copy-rows';
import type { Location } from './location';

/** The steps of a move, in order. Each is idempotent; `--resume` restarts the current one. */
export const MOVE_STEPS = [
  'plan',
  'provision',
  'copy',
  'catch_up',
  'freeze',
  'final_delta',
  'verify',
  'flip',
  'smoke',
  'unfreeze',
  'retained',
  'cleaned_up',
] as const;

export type MoveStep = (typeof MOVE_STEPS)[number];

/** `running` until done; `failed` keeps the step to resume at; `rolled_back` is final. */
export type MoveState = 'running' | 'failed' | 'done' | 'rolled_back';

/** Per-table progress of the copy. */
export interface TableProgress {
  rows: number;
  /** Rows the plan expected (estimate from the source at plan time). */
  planned: number;
  copied: boolean;
  ms?: number;
  /**
   * A dedicated target's big table loads bare: its indexes, recorded before they are dropped,
   * and whether they have been built again (a resumed move builds the missing ones).
   */
  indexes?: IndexDefinition[];
  indexed?: boolean;
}

/** A move, as `tenant_moves` holds it. */
export interface MoveRecord {
  id: string;
  clinicId: string;
  from: Location;
  to: Location;
  step: MoveStep;
  state: MoveState;
  tables: Record<string, TableProgress>;
  checksums: {
    source?: TableFingerprint[];
    target?: TableFingerprint[];
    /**
     * The tenant tables and their columns the checksums cover (as at verification): clean-up
     * fingerprints the retained source over exactly these, so a migration applied there since
     * (a new table or column) is not taken for a write.
     */
    columns?: Record<string, string[]>;
  };
  /** Step name → { startedAt, finishedAt } (ISO), plus `catchUpRounds`, `freezeMs`. */
  timings: Record<string, unknown>;
  actor: string;
  reason: string;
  error: string | null;
  rollbackOf: string | null;
  frozenAt: Date | null;
  unfrozenAt: Date | null;
  flippedAt: Date | null;
  retainUntil: Date | null;
  cleanedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

interface MoveRow {
  id: string;
  target_clinic_id: string;
  from_mode: ClinicMode;
  from_schema: string | null;
  from_database_url_ref: string | null;
  from_database_server: string | null;
  to_mode: ClinicMode;
  to_schema: string | null;
  to_database_url_ref: string | null;
  to_database_server: string | null;
  step: MoveStep;
  state: MoveState;
  tables: Record<string, TableProgress>;
  checksums: MoveRecord['checksums'];
  timings: Record<string, unknown>;
  actor: string;
  reason: string;
  error: string | null;
  rollback_of: string | null;
  frozen_at: Date | null;
  unfrozen_at: Date | null;
  flipped_at: Date | null;
  retain_until: Date | null;
  cleaned_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

function toRecord(row: MoveRow): MoveRecord {
  return {
    id: row.id,
    clinicId: row.target_clinic_id,
    from: {
      mode: row.from_mode,
      schema: row.from_schema,
      databaseUrlRef: row.from_database_url_ref,
      databaseServer: row.from_database_server,
    },
    to: {
      mode: row.to_mode,
      schema: row.to_schema,
      databaseUrlRef: row.to_database_url_ref,
      databaseServer: row.to_database_server,
    },
    step: row.step,
    state: row.state,
    tables: row.tables,
    checksums: row.checksums,
    timings: row.timings,
    actor: row.actor,
    reason: row.reason,
    error: row.error,
    rollbackOf: row.rollback_of,
    frozenAt: row.frozen_at,
    unfrozenAt: row.unfrozen_at,
    flippedAt: row.flipped_at,
    retainUntil: row.retain_until,
    cleanedAt: row.cleaned_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Inserts a new move record (the unique index refuses a second one in flight: 23505). */
export async function insertMove(
  registry: ClientBase,
  move: {
    id: string;
    clinicId: string;
    from: Location;
    to: Location;
    actor: string;
    reason: string;
    rollbackOf?: string;
    tables: Record<string, TableProgress>;
  },
): Promise<MoveRecord> {
  const { rows } = await registry.query<MoveRow>(
    `INSERT INTO tenant_moves (id, target_clinic_id, from_mode, from_schema, from_database_url_ref,
                               to_mode, to_schema, to_database_url_ref, actor, reason, rollback_of, tables,
                               from_database_server, to_database_server)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING *`,
    [
      move.id,
      move.clinicId,
      move.from.mode,
      move.from.schema,
      move.from.databaseUrlRef,
      move.to.mode,
      move.to.schema,
      move.to.databaseUrlRef,
      move.actor,
      move.reason,
      move.rollbackOf ?? null,
      JSON.stringify(move.tables),
      move.from.databaseServer ?? null,
      move.to.databaseServer ?? null,
    ],
  );
  return toRecord(rows[0]!);
}

/** Reads a move by id. */
export async function readMove(registry: ClientBase, id: string): Promise<MoveRecord | undefined> {
  const { rows } = await registry.query<MoveRow>('SELECT * FROM tenant_moves WHERE id = $1', [id]);
  return rows[0] && toRecord(rows[0]);
}

/** The clinic's moves, newest first. */
export async function listMoves(registry: ClientBase, clinicId: string): Promise<MoveRecord[]> {
  const { rows } = await registry.query<MoveRow>(
    'SELECT * FROM tenant_moves WHERE target_clinic_id = $1 ORDER BY created_at DESC, id',
    [clinicId],
  );
  return rows.map(toRecord);
}

/** What a move's steps write to its record (`tenant_moves`). */
export type MovePatch = Partial<
  Pick<
    MoveRecord,
    | 'step'
    | 'state'
    | 'tables'
    | 'checksums'
    | 'timings'
    | 'error'
    | 'frozenAt'
    | 'unfrozenAt'
    | 'flippedAt'
    | 'retainUntil'
    | 'cleanedAt'
  >
>;

const COLUMNS: Record<keyof MovePatch, string> = {
  step: 'step',
  state: 'state',
  tables: 'tables',
  checksums: 'checksums',
  timings: 'timings',
  error: 'error',
  frozenAt: 'frozen_at',
  unfrozenAt: 'unfrozen_at',
  flippedAt: 'flipped_at',
  retainUntil: 'retain_until',
  cleanedAt: 'cleaned_at',
};

/** Writes part of a move record; returns the new record. */
export async function updateMove(
  registry: ClientBase,
  id: string,
  patch: MovePatch,
): Promise<MoveRecord> {
  const entries = Object.entries(patch) as [keyof MovePatch, unknown][];
  const sets = entries.map(([key], i) => `${COLUMNS[key]} = $${i + 2}`);
  const values = entries.map(([key, value]) =>
    key === 'tables' || key === 'checksums' || key === 'timings' ? JSON.stringify(value) : value,
  );
  const { rows } = await registry.query<MoveRow>(
    `UPDATE tenant_moves SET ${[...sets, 'updated_at = now()'].join(', ')} WHERE id = $1 RETURNING *`,
    [id, ...values],
  );
  return toRecord(rows[0]!);
}

import { randomUUID } from 'node:crypto';
import pg from 'pg';

import type { ClinicMode } from '../context/bound-clinic';
import { runWithClinic } from '../context/tenant-context';
import { migrateTarget, migrationStatus, type Migration } from '../migrations';
import { ensureDatabase } from '../provisioning/provision-clinic';
import { sameServerDatabase } from '../provisioning/database-url';
import { readClinicRecord, type ClinicRecord } from '../router/clinic-record';
import { TenantRouter } from '../router/tenant-router';
import {
  fingerprintDifferences,
  listTenantTables,
  qualifiedName,
  type TableFingerprint,
  type TenantTable,
} from '../tables';
import type { TenantClient } from '../client/tenant-client';
import { createTenantClient } from '../client/tenant-client';
import { brokenAuditChain } from './audit-chain';
import {
  applyChanges,
  BrokenSessions,
  buildIndexes,
  copyTable,
  deleteClinicRows,
  REBUILD_INDEXES_FROM_ROWS,
  secondaryIndexes,
  type CopyPhase,
  type IndexDefinition,
} from './copy-rows';
import {
  bucketable,
  bucketOf,
  digestBuckets,
  digestBucketsHere,
  digestTables,
  enterSnapshot,
  sumBuckets,
  type Digest,
} from './move-digest';
import {
  appEndpoint,
  describeLocation,
  dropSession,
  openMoverSession,
  ownerEndpoint,
  sameDatabase,
  sameLocation,
  targetLocation,
  type Endpoint,
  type Location,
  type MoveConnections,
} from './location';
import { MoveError } from './move-error';
import { provisionServerTarget, serverTarget } from './server-target';
import {
  insertMove,
  listMoves,
  updateMove,
  type MovePatch,
  type MoveRecord,
  type MoveStep,
  type TableProgress,
} from './move-record';
import { freezeRows, startCapture, stopCapture, unfreezeRows } from './triggers';

/** What the engine reports as it goes (the CLI draws bars from it, the console polls the record). */
export type MoveEvent =
  | { type: 'step'; step: MoveStep; move: MoveRecord }
  | { type: 'rows'; table: string; rows: number; planned: number }
  | { type: 'table-done'; table: string; rows: number; ms: number }
  /** Where a big table's copy went: its load, each index rebuild, ANALYZE. */
  | ({ type: 'table-phase'; table: string } & CopyPhase)
  /** A side's bucket digests of a big table before the freeze, and how long they took. */
  | { type: 'hashed'; side: 'source' | 'target'; table: string; ms: number }
  | { type: 'catch-up'; round: number; keys: number }
  | { type: 'frozen'; at: Date }
  | { type: 'unfrozen'; at: Date; frozenMs: number };

export interface MoveOptions extends MoveConnections {
  /** The migrations on disk: source and target must both be at exactly these. */
  migrations: Migration[];
  onEvent?: (event: MoveEvent) => void;
  /** Days the source is kept (unreachable, frozen) for a rollback (default 7). */
  retentionDays?: number;
  /** Catch-up rounds go on until one applies at most this many keys (default 200). */
  catchUpThreshold?: number;
  /**
   * Tables of at least this many rows (as planned) are compared in key-range buckets before
   * the freeze; while frozen only the buckets the last changes touched are re-hashed
   * (default 20,000; smaller tables are hashed whole inside the freeze).
   */
  verifyInBucketsFromRows?: number;
  /**
   * Tables of at least this many rows (as planned) load into a dedicated target bare, their
   * indexes built after (default 5,000; smaller tables load with their indexes in place).
   */
  rebuildIndexesFromRows?: number;
  /**
   * One piece of server work at a time during the copy (default false): the source's hashing
   * after the loads instead of beside them, the target's after the source's, the index builds
   * after both and without parallel workers. Leaves the other clinics a core on a small server,
   * at the cost of the time that running them side by side saves (docs/performance.md).
   */
  gentle?: boolean;
  /**
   * Extra checks on the target before the flip, through a tenant client bound to the clinic on
   * the target (e.g. the audit chain). Answer a problem to stop the move, or undefined.
   */
  checkTarget?: (db: TenantClient, clinic: ClinicRecord) => Promise<string | undefined>;
  /** Extra smoke checks through the router's tenant client on the new route (e.g. a sign-in). */
  smoke?: (db: TenantClient, clinic: ClinicRecord) => Promise<string | undefined>;
  /** Tests only: called at named points; throwing there simulates a crash of the process. */
  crashPoint?: (point: string) => void;
  now?: () => Date;
}

/** What a move would do, before it does anything. */
export interface MovePlan {
  clinic: { id: string; slug: string; status: string };
  from: Location;
  to: Location;
  tables: { table: string; rows: number; bytes: number }[];
  totalRows: number;
  totalBytes: number;
  /** Seconds, from the rates measured by bench:move on the reference machine (see the playbook). */
  estimatedSeconds: number;
  estimatedFreezeSeconds: number;
}

export interface MoveRequest {
  slug: string;
  to: ClinicMode;
  /** For `--to database`: the secret's name (default: a database on the shared server). */
  databaseUrlRef?: string;
  /** For `--to database`: the registered database server to move it to (it must be open). */
  server?: string;
  actor: string;
  reason: string;
  /** The console's operator (platform account id): the platform log's operator column. */
  operatorId?: string;
}

/**
 * Rows per second of the copy, for the plan's estimate, from `pnpm bench:move --json` with
 * 1,000,000 reservations (~1.0M rows) on a quiet 2-core machine (load 2-4), 2026-12-03 17:44 UTC
 * (docs/performance.md, "Moving a clinic"): the copy step took 53 s shared -> schema and 58 s
 * schema -> database (~19,000 and ~17,000 rows/s), 99 s database -> shared (~10,000 rows/s).
 * Within one database the copy is server-side; to or from another database rows cross the
 * client, about half as fast.
 */
const COPY_ROWS_PER_SECOND = { sameDatabase: 19_000, acrossDatabases: 10_000 };
const FIXED_SECONDS = 2;

/** Reads the clinic and where it would go; refuses what a move cannot do. Changes nothing. */
export async function planMove(
  request: Omit<MoveRequest, 'actor' | 'reason'>,
  options: MoveOptions,
) {
  return withRegistry(options, async (registry) => {
    const clinic = await clinicToMove(registry, request.slug);
    const to = await requestedTarget(registry, clinic, request, options);
    return buildPlan(clinic, to, options);
  });
}

/** Starts a move and drives it to `retained` (the clinic works from its new place). */
export async function startMove(request: MoveRequest, options: MoveOptions): Promise<MoveRecord> {
  return withRegistry(options, async (registry) => {
    const clinic = await clinicToMove(registry, request.slug);
    const to = await requestedTarget(registry, clinic, request, options);
    const plan = await buildPlan(clinic, to, options);
    await lockClinic(registry, clinic.id);
    const move = await createMove(registry, clinic, plan, request, options);
    return drive(registry, move, options);
  });
}

/** Finishes the clinic's move in flight from the step it stopped at. */
export async function resumeMove(slug: string, options: MoveOptions): Promise<MoveRecord> {
  return withRegistry(options, async (registry) => {
    const clinic = await clinicBySlug(registry, slug);
    await lockClinic(registry, clinic.id);
    const move = (await listMoves(registry, clinic.id)).find(
      (candidate) => candidate.state === 'running' || candidate.state === 'failed',
    );
    if (!move) throw new MoveError('NO_MOVE', `Clinic ${slug} has no move to resume.`);
    return drive(registry, await updateMove(registry, move.id, { state: 'running' }), options);
  });
}

/**
 * Rolls the clinic's latest move back. Before the flip: discards the target, unfreezes the
 * source. After the flip, within the retention window: moves the clinic back to its source
 * with every write made since (a move like any other, verified the same way). Refuses, with
 * the reason, when that cannot be safe.
 */
export async function rollbackMove(
  slug: string,
  request: { actor: string; reason: string; operatorId?: string },
  options: MoveOptions,
): Promise<MoveRecord> {
  return withRegistry(options, async (registry) => {
    const clinic = await clinicBySlug(registry, slug);
    await lockClinic(registry, clinic.id);
    const move = (await listMoves(registry, clinic.id)).find(
      (candidate) => candidate.state !== 'rolled_back',
    );
    if (!move) throw new MoveError('NO_MOVE', `Clinic ${slug} has no move to roll back.`);
    if (!move.flippedAt) {
      const rolledBack = await discardTarget(registry, clinic, move, options);
      await auditMove(registry, options, clinic, move.from, 'clinic.move.rolled_back', request, {
        moveId: move.id,
        step: move.step,
      });
      return rolledBack;
    }
    const now = (options.now ?? (() => new Date()))();
    if (move.cleanedAt) {
      throw new MoveError(
        'ROLLBACK_REFUSED',
        `The source (${describeLocation(move.from)}) was cleaned up on ${move.cleanedAt.toISOString()}: there is nothing to go back to. Start a new move instead.`,
      );
    }
    if (move.retainUntil && move.retainUntil <= now) {
      throw new MoveError(
        'ROLLBACK_REFUSED',
        `The rollback window ended on ${move.retainUntil.toISOString()}. Start a new move to ${describeLocation(move.from)} instead.`,
      );
    }
    // Mark it first: the unique index allows one move in flight, and the way back is one.
    await updateMove(registry, move.id, { state: 'rolled_back' });
    const back = await createMove(
      registry,
      clinic,
      await buildPlan(await clinicBySlug(registry, slug), move.from, options),
      {
        slug,
        to: move.from.mode,
        actor: request.actor,
        reason: request.reason,
        operatorId: request.operatorId,
      },
      options,
      move.id,
    );
    return drive(registry, back, options);
  });
}

/**
 * Removes the retained source of the clinic's finished move once the window is over (or at
 * once with `force`), after checking that nobody wrote to it since the flip.
 */
export async function cleanupMove(
  slug: string,
  options: MoveOptions & {
    force?: boolean;
    /** Who removed the source and why: the clinic's and the platform log's entry. */
    who?: { actor: string; reason: string; operatorId?: string };
  },
): Promise<MoveRecord> {
  return withRegistry(options, async (registry) => {
    const clinic = await clinicBySlug(registry, slug);
    await lockClinic(registry, clinic.id);
    const move = (await listMoves(registry, clinic.id)).find(
      (candidate) => candidate.state === 'done' && candidate.step === 'retained',
    );
    if (!move) throw new MoveError('NO_MOVE', `Clinic ${slug} has no retained source to clean up.`);
    const now = (options.now ?? (() => new Date()))();
    if (!options.force && move.retainUntil && move.retainUntil > now) {
      throw new MoveError(
        'CLEANUP_REFUSED',
        `The rollback window is open until ${move.retainUntil.toISOString()}; clean up after it.`,
      );
    }
    if (sameLocation(locationOf(clinic), move.from)) {
      throw new MoveError('CLEANUP_REFUSED', `Clinic ${slug} lives at its old place again.`);
    }
    const from = ownerEndpoint(move.from, options);
    const source = await openMoverSession(from, clinic.id, { verbatim: true });
    try {
      const tables = await listTenantTables(source, from.schema);
      const now = await digestTables(
        source,
        from.schema,
        clinic.id,
        verifiedShape(tables, move.checksums.columns),
      );
      const differences = fingerprintDifferences(move.checksums.source ?? [], now);
      if (differences.length > 0) {
        throw new MoveError(
          'CLEANUP_REFUSED',
          `The retained source changed since the flip (${differences.map((d) => d.table).join(', ')}); left in place.`,
        );
      }
      await removeClinicAt(registry, source, from, move.from, tables, clinic.id);
    } finally {
      await source.end().catch(() => undefined);
    }
    const cleaned = await updateMove(registry, move.id, { step: 'cleaned_up', cleanedAt: now });
    // Audited like every other step, where the clinic lives now; a forced clean-up says so.
    await auditMove(
      registry,
      options,
      clinic,
      locationOf(clinic),
      'clinic.move.cleaned_up',
      options.who ?? { actor: 'operator', reason: 'retained source removed' },
      {
        moveId: move.id,
        source: describeLocation(move.from),
        retainUntil: move.retainUntil?.toISOString() ?? null,
        forced: Boolean(move.retainUntil && move.retainUntil > now),
      },
    );
    return cleaned;
  });
}

/**
 * The tables as verification saw them: a migration applied to the retained source since (the
 * shared schema is always migrated by db:migrate) adds tables or columns the flip-time checksums
 * do not cover. A verified table or column that is gone is kept as missing, so it still differs.
 */
function verifiedShape(
  tables: TenantTable[],
  columns: Record<string, string[]> | undefined,
): TenantTable[] {
  if (!columns) return tables;
  return tables
    .filter((table) => table.name in columns)
    .map((table) => ({
      ...table,
      columns: table.columns.filter((column) => columns[table.name]!.includes(column.name)),
    }));
}

// ---------------------------------------------------------------------------------------------
// The state machine
// ---------------------------------------------------------------------------------------------

interface Sides {
  from: Endpoint;
  to: Endpoint;
  source: pg.Client;
  target: pg.Client;
  tables: TenantTable[];
  /** No other clinic lives at the target: big tables load with their indexes rebuilt after. */
  dedicated: boolean;
  /**
   * Bucket digests of the big tables this process copied (both sides at the copy's snapshot,
   * touched buckets re-hashed before the freeze), and the buckets every change applied since
   * has touched. Kept in memory only: a resumed process has none and verifies every table
   * whole, so a crash never leaves a stale comparison behind.
   */
  early?: EarlyVerification;
}

interface EarlyVerification {
  source: Map<string, Map<string, Digest>>;
  target: Map<string, Map<string, Digest>>;
  touched: Map<string, Set<string>>;
}

async function drive(
  registry: pg.Client,
  initial: MoveRecord,
  options: MoveOptions,
): Promise<MoveRecord> {
  let move = initial;
  const clinic = await clinicBySlug(registry, initial.clinicId);
  let sides: Sides | undefined;
  let crashed = false;
  try {
    while (move.step !== 'retained' && move.step !== 'cleaned_up') {
      options.onEvent?.({ type: 'step', step: move.step, move });
      options.crashPoint?.(`before:${move.step}`);
      const started = new Date();
      if (move.step !== 'plan' && move.step !== 'provision' && !sides) {
        sides = await openSides(registry, move, options);
      }
      const next = await runStep(registry, clinic, move, sides, options);
      const timings = {
        ...move.timings,
        [move.step]: { startedAt: started.toISOString(), finishedAt: new Date().toISOString() },
      };
      move = await updateMove(registry, move.id, {
        ...next,
        timings: { ...timings, ...next.timings },
      });
    }
    options.onEvent?.({ type: 'step', step: move.step, move });
    return move;
  } catch (error) {
    // Sessions may be mid-protocol (a COPY broken off): drop them; the server rolls back.
    crashed = true;
    if (error instanceof BrokenSessions && error.reason instanceof SimulatedCrash) {
      throw error.reason;
    }
    if (error instanceof SimulatedCrash) throw error;
    const message = error instanceof Error ? error.message : String(error);
    await updateMove(registry, move.id, { state: 'failed', error: message }).catch(() => undefined);
    // In the clinic's own log too, where it lives now (skipped there while frozen).
    await auditMove(
      registry,
      options,
      clinic,
      move.flippedAt ? move.to : move.from,
      'clinic.move.step_failed',
      move,
      { moveId: move.id, step: move.step, error: message },
    ).catch(() => undefined);
    throw error;
  } finally {
    await closeSession(sides?.source, crashed);
    await closeSession(sides?.target, crashed);
  }
}

/** Ends a session; after a (simulated) crash, drops the socket as a killed process would. */
async function closeSession(client: pg.Client | undefined, abruptly: boolean): Promise<void> {
  if (!client) return;
  if (abruptly) {
    dropSession(client);
    return;
  }
  await client.end().catch(() => undefined);
}

/** Thrown by a test's crash point: the engine records nothing, as a killed process would not. */
export class SimulatedCrash extends Error {
  override readonly name = 'SimulatedCrash';
}

/** What a step reports for the record; cleaning up (`cleanedAt`) is not a step's. */
type StepResult = Omit<MovePatch, 'cleanedAt'>;

async function openSides(
  registry: pg.Client,
  move: MoveRecord,
  options: MoveOptions,
): Promise<Sides> {
  const from = ownerEndpoint(move.from, options);
  const to = ownerEndpoint(move.to, options);
  const source = await openMoverSession(from, move.clinicId);
  const target = await openMoverSession(to, move.clinicId, { verbatim: true });
  const tables = await listTenantTables(source, from.schema);
  return {
    from,
    to,
    source,
    target,
    tables,
    dedicated: !(await othersLiveAt(registry, move.to, move.clinicId)),
  };
}

/** True when a clinic other than `clinicId` is routed to `location` (the shared schema always). */
async function othersLiveAt(
  registry: pg.Client,
  location: Location,
  clinicId: string,
): Promise<boolean> {
  if (location.mode === 'shared') return true;
  const { rowCount } = await registry.query(
    `SELECT 1 FROM clinics
      WHERE id <> $4 AND mode = $1 AND coalesce(schema_name, '') = coalesce($2, '')
        AND coalesce(database_url_ref, '') = coalesce($3, '')
      LIMIT 1`,
    [location.mode, location.schema, location.databaseUrlRef, clinicId],
  );
  return (rowCount ?? 0) > 0;
}

async function runStep(
  registry: pg.Client,
  clinic: ClinicRecord,
  move: MoveRecord,
  sides: Sides | undefined,
  options: MoveOptions,
): Promise<StepResult> {
  const crash = (point: string) => options.crashPoint?.(point);
  switch (move.step) {
    case 'plan':
      return { step: 'provision', state: 'running', error: null };

    case 'provision':
      await provisionTarget(registry, clinic.slug, move, options);
      return { step: 'copy' };

    case 'copy':
      return copyStep(registry, clinic, move, sides!, options);

    case 'catch_up': {
      const { from, to, source, target, tables } = sides!;
      const threshold = options.catchUpThreshold ?? 200;
      let round = 0;
      // Every change applied from here on touches buckets hashed at the copy's snapshot.
      const catchUpRound = async () => {
        round++;
        const keys = await applyChanges(
          source,
          target,
          from,
          to,
          tables,
          clinic.id,
          move.id,
          noteTouched(sides!),
        );
        options.onEvent?.({ type: 'catch-up', round, keys });
        return keys;
      };
      for (;;) {
        const keys = await catchUpRound();
        crash(`catch_up:round${round}`);
        if (keys <= threshold || round >= 20) break;
      }
      const started = Date.now();
      if (sides!.early) await rehashTouched(sides!, sides!.early, clinic.id);
      const earlyVerifyMs = Number(move.timings.earlyHashMs ?? 0) + Date.now() - started;
      if (sides!.early) {
        // What changed while the touched buckets were re-hashed: applied (and its buckets
        // noted) now, so the freeze's final delta stays as short as before.
        await catchUpRound();
      }
      return {
        step: 'freeze',
        timings: { catchUpRounds: round, ...(sides!.early ? { earlyVerifyMs } : {}) },
      };
    }

    case 'freeze': {
      const { from, source, tables } = sides!;
      await registry.query(
        "UPDATE clinics SET status = 'frozen', updated_at = now() WHERE id = $1",
        [clinic.id],
      );
      await freezeRows(source, from.schema, tables, clinic.id);
      const frozenAt = move.frozenAt ?? new Date();
      options.onEvent?.({ type: 'frozen', at: frozenAt });
      return { step: 'final_delta', frozenAt };
    }

    case 'final_delta': {
      const { from, to, source, target, tables } = sides!;
      // Frozen: the log no longer grows, so this ends with a round that finds nothing.
      for (;;) {
        const keys = await applyChanges(
          source,
          target,
          from,
          to,
          tables,
          clinic.id,
          move.id,
          noteTouched(sides!),
        );
        crash('final_delta:round');
        if (keys === 0) break;
      }
      return { step: 'verify' };
    }

    case 'verify':
      return verify(registry, clinic, move, sides!, options);

    case 'flip': {
      // Mode, schema, database reference and routing version change together with the step.
      await registry.query('BEGIN');
      try {
        await registry.query(
          `UPDATE clinics SET mode = $2, schema_name = $3, database_url_ref = $4,
                  database_server = $5, routing_version = routing_version + 1, updated_at = now()
            WHERE id = $1`,
          [
            clinic.id,
            move.to.mode,
            move.to.schema,
            move.to.databaseUrlRef,
            move.to.databaseServer ?? null,
          ],
        );
        await updateMove(registry, move.id, { step: 'smoke', flippedAt: new Date() });
        await registry.query('COMMIT');
      } catch (error) {
        await registry.query('ROLLBACK').catch(() => undefined);
        throw error;
      }
      crash('flip:committed');
      return { step: 'smoke' };
    }

    case 'smoke':
      await smokeTest(registry, clinic, move, options);
      return { step: 'unfreeze' };

    case 'unfreeze': {
      const { from, to, source, target, tables } = sides!;
      await unfreezeRows(target, to.schema, tables, clinic.id);
      const now = new Date();
      await registry.query(
        "UPDATE clinics SET status = 'active', updated_at = now() WHERE id = $1",
        [clinic.id],
      );
      const retainUntil = new Date(now.getTime() + (options.retentionDays ?? 7) * 86_400_000);
      const frozenMs = move.frozenAt ? now.getTime() - move.frozenAt.getTime() : 0;
      options.onEvent?.({ type: 'unfrozen', at: now, frozenMs });
      if (move.rollbackOf) {
        await registry.query(
          "UPDATE tenant_moves SET state = 'rolled_back', updated_at = now() WHERE id = $1",
          [move.rollbackOf],
        );
      }
      // Outside the freeze window: the capture has been idle since the final delta.
      await stopCapture(source, from.schema, tables, move.id);
      const done = { ...clinic, ...(await clinicBySlug(registry, clinic.id)) };
      await auditMove(
        registry,
        options,
        done,
        move.to,
        move.rollbackOf ? 'clinic.move.rolled_back' : 'clinic.move.completed',
        move,
        {
          moveId: move.id,
          from: describeLocation(move.from),
          to: describeLocation(move.to),
          frozenMs,
        },
      );
      return {
        step: 'retained',
        state: 'done',
        unfrozenAt: now,
        retainUntil,
        timings: { freezeMs: frozenMs },
      };
    }

    default:
      return {};
  }
}

async function provisionTarget(
  registry: pg.Client,
  slug: string,
  move: MoveRecord,
  options: MoveOptions,
) {
  const from = ownerEndpoint(move.from, options);
  const to = ownerEndpoint(move.to, options);
  const database = sameServerDatabase(move.to.databaseUrlRef);
  if (move.to.mode === 'database' && database) await ensureDatabase(registry, database);
  // A database on a registered server: created there, with the clinic's own role.
  const server = await serverTarget(registry, slug, move.to, options, { placement: false });
  if (server) await provisionServerTarget(server, move.to, options);
  const sourceStatus = await migrationStatus(
    { label: describeLocation(move.from), connectionString: from.url, schema: from.schema },
    options.migrations,
  );
  if (
    sourceStatus.pending.length + sourceStatus.modified.length + sourceStatus.unknown.length >
    0
  ) {
    throw new MoveError(
      'MIGRATION_MISMATCH',
      `The source (${describeLocation(move.from)}) is not at the migrations on disk (pending: ${sourceStatus.pending.join(', ') || 'none'}; modified: ${sourceStatus.modified.join(', ') || 'none'}; unknown: ${sourceStatus.unknown.join(', ') || 'none'}). Run pnpm db:migrate first.`,
    );
  }
  const target = { label: describeLocation(move.to), connectionString: to.url, schema: to.schema };
  await migrateTarget(target, options.migrations);
  const targetStatus = await migrationStatus(target, options.migrations);
  if (targetStatus.applied.join() !== sourceStatus.applied.join()) {
    throw new MoveError(
      'MIGRATION_MISMATCH',
      `The target (${describeLocation(move.to)}) has migrations the source has not: ${targetStatus.unknown.join(', ')}.`,
    );
  }
  // The target is frozen for the clinic from birth: nothing of the app writes there before
  // the move unfreezes it (the mover's own session writes verbatim, past the freeze).
  const client = await openMoverSession(to, move.clinicId);
  try {
    await freezeRows(client, to.schema, await listTenantTables(client, to.schema), move.clinicId);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * The copy: every table's rows at one snapshot of the source while the clinic keeps working (its
 * changes are captured from before the snapshot on). Within one database the target session reads
 * the rows itself; across databases they stream through COPY. A dedicated target's big tables load
 * bare (indexes recorded in the move first, then dropped) and commit; a second target session
 * builds their indexes while the next tables load, and `--resume` builds whatever is missing. The
 * big tables are bucket-hashed before the freeze: the source beside the copy, the target beside
 * the B-tree builds — before an exclusion constraint's build takes the table's lock.
 */
async function copyStep(
  registry: pg.Client,
  clinic: ClinicRecord,
  move: MoveRecord,
  sides: Sides,
  options: MoveOptions,
): Promise<StepResult> {
  const { from, to, source, target, tables, dedicated } = sides;
  const crash = (point: string) => options.crashPoint?.(point);
  await registry.query(
    "UPDATE clinics SET status = 'moving', updated_at = now() WHERE id = $1 AND status = 'active'",
    [clinic.id],
  );
  // Capture first, then the snapshot: every write is either in the snapshot or in the log.
  await startCapture(source, from.schema, tables, clinic.id, move.id);
  const progress: Record<string, TableProgress> = { ...move.tables };
  const record = () => updateMove(registry, move.id, { tables: progress });
  const rebuildFrom = options.rebuildIndexesFromRows ?? REBUILD_INDEXES_FROM_ROWS;
  // The big tables this process copies are compared in buckets before the freeze.
  const big = bucketedTables(move, tables, options).filter(
    (table) => !progress[table.name]?.copied,
  );
  const gentle = options.gentle ?? false;
  const builder = dedicated ? await openMoverSession(to, clinic.id, { verbatim: true }) : undefined;
  if (builder && gentle) await builder.query('SET max_parallel_maintenance_workers = 0');
  const builds = new IndexBuilds(
    builder,
    to,
    (table, phase) => options.onEvent?.({ type: 'table-phase', table, ...phase }),
    !gentle,
  );
  await source.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  let aside: Awaited<ReturnType<typeof hashSourceAside>> | undefined;
  try {
    const { rows } = await source.query<{ snapshot: string }>(
      'SELECT pg_export_snapshot() AS snapshot',
    );
    const snapshot = rows[0]!.snapshot;
    if (big.length > 0) {
      aside = await hashSourceAside(snapshot, from, clinic.id, (table, ms) =>
        options.onEvent?.({ type: 'hashed', side: 'source', table, ms }),
      );
    }
    for (const table of tables) {
      builds.check();
      let entry = progress[table.name] ?? { rows: 0, planned: 0, copied: false };
      if (!entry.copied) {
        if (dedicated && entry.planned >= rebuildFrom && !entry.indexes) {
          // Recorded before any is dropped: a crash after the load's commit loses none.
          entry = { ...entry, indexes: await secondaryIndexes(target, to.schema, table.name) };
          progress[table.name] = entry;
          await record();
        }
        const planned = entry.planned;
        const started = Date.now();
        const copied = await copyTable(
          source,
          target,
          from,
          to,
          table,
          clinic.id,
          planned,
          (count) => {
            options.onEvent?.({ type: 'rows', table: table.name, rows: count, planned });
            if (count >= Math.max(1, planned / 2)) crash(`copy:${table.name}:half`);
          },
          {
            dedicated,
            dropIndexes: entry.indexes,
            snapshot: sameDatabase(from, to) ? snapshot : undefined,
            // The source's buckets are hashed beside the target's work.
            onLoaded:
              aside && !gentle && big.includes(table) ? () => aside!.hash(table) : undefined,
            onPhase: (phase) =>
              options.onEvent?.({ type: 'table-phase', table: table.name, ...phase }),
          },
        );
        const ms = Date.now() - started;
        entry = { ...entry, rows: copied, copied: true, indexed: !entry.indexes?.length, ms };
        progress[table.name] = entry;
        options.onEvent?.({ type: 'table-done', table: table.name, rows: copied, ms });
        await record();
        crash(`copy:${table.name}`);
      }
      if (entry.indexes?.length && !entry.indexed) {
        builds.start(
          table.name,
          entry.indexes,
          async () => {
            progress[table.name] = { ...progress[table.name]!, indexed: true };
            await record();
          },
          crash,
        );
      }
    }
    await source.query('COMMIT');
    if (!aside) {
      await builds.finish(Promise.resolve());
      return { step: 'catch_up', tables: progress };
    }
    // The target holds the snapshot's rows (only this process writes there): its buckets now,
    // beside the B-tree builds (gentle: after the source's, before any build); the exclusion
    // constraints wait for them.
    const started = Date.now();
    const sourceDigests = gentle ? Promise.resolve(await aside.done(big)) : aside.done(big);
    const targetBuckets = digestBuckets(target, to.schema, clinic.id, big).then((buckets) => {
      const table = big.map((each) => each.name).join(', ');
      options.onEvent?.({ type: 'hashed', side: 'target', table, ms: Date.now() - started });
      return buckets;
    });
    let earlyHashMs = 0;
    const digests = Promise.all([sourceDigests, targetBuckets]).then((both) => {
      earlyHashMs = Date.now() - started;
      return both;
    });
    const [[sourceBuckets, targetDone]] = await Promise.all([
      digests,
      builds.finish(targetBuckets),
    ]);
    sides.early = {
      source: sourceBuckets,
      target: targetDone,
      touched: new Map(big.map((table) => [table.name, new Set<string>()])),
    };
    // The digests' time, not the index builds' it ran beside (the playbook's figures).
    return { step: 'catch_up', tables: progress, timings: { earlyHashMs } };
  } catch (error) {
    aside?.abandon();
    await builds.abandon();
    throw error;
  } finally {
    await source.query('COMMIT').catch(() => undefined);
    if (builder) await builder.end().catch(() => undefined);
  }
}

/**
 * The index builds of a dedicated target's bare-loaded tables, one after another on their own
 * session: each table's B-trees as soon as it is loaded (beside the next tables' loads), its
 * exclusion constraints once `finish` is told the target's hashing is done (their build locks
 * the table against reads).
 */
class IndexBuilds {
  private chain: Promise<void> = Promise.resolve();
  private failure: { error: unknown } | undefined;
  private stopped = false;
  private readonly rest: (() => Promise<void>)[] = [];

  constructor(
    private readonly session: pg.Client | undefined,
    private readonly to: Endpoint,
    private readonly onPhase: (table: string, phase: CopyPhase) => void,
    /** B-trees as soon as their table is loaded (else everything waits for `finish`). */
    private readonly beside: boolean,
  ) {}

  /**
   * Queues the table's B-trees now (when built beside the loads), and the rest (then ANALYZE,
   * then `done`) for `finish`.
   */
  start(
    table: string,
    indexes: IndexDefinition[],
    done: () => Promise<void>,
    crash: (point: string) => void,
  ): void {
    const build = (which: IndexDefinition[]) =>
      buildIndexes(
        this.session!,
        this.to.schema,
        which,
        (phase) => this.onPhase(table, phase),
        (index) => crash(`index:${table}:${index.name}`),
      );
    if (this.beside) this.then(() => build(indexes.filter((index) => !index.exclusive)));
    this.rest.push(async () => {
      await build(indexes);
      const started = Date.now();
      await this.session!.query(`ANALYZE ${qualifiedName(this.session!, this.to.schema, table)}`);
      this.onPhase(table, { phase: 'analyze', ms: Date.now() - started });
      if (!this.stopped) await done();
    });
  }

  /** Throws a build's failure now, so the copy stops rather than loading on. */
  check(): void {
    if (this.failure) throw this.failure.error;
  }

  /** Runs the queued exclusion constraints once `hashed` settles; resolves when all are built. */
  async finish(hashed: Promise<unknown>): Promise<void> {
    for (const work of this.rest)
      this.then(async () => {
        await hashed;
        await work();
      });
    await this.chain;
    this.check();
  }

  /** After a failure elsewhere: stops recording and drops the session (the server rolls back). */
  async abandon(): Promise<void> {
    this.stopped = true;
    if (this.session) dropSession(this.session);
    await this.chain;
  }

  private then(work: () => Promise<void>): void {
    this.chain = this.chain.then(async () => {
      if (this.failure || this.stopped) return;
      try {
        await work();
      } catch (error) {
        this.failure = { error };
      }
    });
  }
}

/** The tables compared in buckets before the freeze: bucketable, and big as planned. */
function bucketedTables(move: MoveRecord, tables: TenantTable[], options: MoveOptions) {
  const fromRows = options.verifyInBucketsFromRows ?? 20_000;
  return tables.filter(
    (table) => bucketable(table) && (move.tables[table.name]?.planned ?? 0) >= fromRows,
  );
}

/**
 * A second source session in the copy's snapshot (exported by the source session, inside its
 * open transaction) that hashes a table's buckets when asked, one table after another, while the
 * copy goes on: the source's digests cost no time of their own.
 */
async function hashSourceAside(
  snapshot: string,
  from: Endpoint,
  clinicId: string,
  onHashed: (table: string, ms: number) => void,
) {
  const session = await openMoverSession(from, clinicId);
  try {
    await enterSnapshot(session, clinicId, snapshot);
  } catch (error) {
    await session.end().catch(() => undefined);
    throw error;
  }
  const result = new Map<string, Map<string, Digest>>();
  let chain: Promise<void> = Promise.resolve();
  const hash = (table: TenantTable) => {
    chain = chain.then(async () => {
      const started = Date.now();
      const buckets = await digestBucketsHere(session, from.schema, clinicId, [table]);
      result.set(table.name, buckets.get(table.name)!);
      onHashed(table.name, Date.now() - started);
    });
    // Awaited by done(); until then a failure must not count as unhandled.
    chain.catch(() => undefined);
  };
  return {
    hash,
    /** The digests of `tables` (any not hashed yet are hashed now); ends the session. */
    async done(tables: TenantTable[]) {
      try {
        for (const table of tables) if (!result.has(table.name)) hash(table);
        await chain;
        await session.query('COMMIT');
        return result;
      } finally {
        await session.end().catch(() => undefined);
      }
    },
    abandon() {
      dropSession(session);
    },
  };
}

/**
 * Re-hashes, on both sides, the buckets the catch-up touched since they were hashed, and starts
 * a fresh touched set: the freeze then re-hashes only what changes from here on.
 */
async function rehashTouched(sides: Sides, early: EarlyVerification, clinicId: string) {
  const { from, to, source, target } = sides;
  const tables = sides.tables.filter((table) => early.touched.has(table.name));
  const [sourceFresh, targetFresh] = await Promise.all([
    digestBuckets(source, from.schema, clinicId, tables, early.touched),
    digestBuckets(target, to.schema, clinicId, tables, early.touched),
  ]);
  for (const [side, fresh] of [
    [early.source, sourceFresh],
    [early.target, targetFresh],
  ] as const) {
    for (const table of tables) {
      const buckets = side.get(table.name)!;
      for (const bucket of early.touched.get(table.name)!) buckets.delete(bucket);
      for (const [bucket, digest] of fresh.get(table.name)!) buckets.set(bucket, digest);
    }
  }
  early.touched = new Map(tables.map((table) => [table.name, new Set<string>()]));
}

/** Notes the buckets of keys about to be applied (after the early verification). */
function noteTouched(sides: Sides) {
  return (table: string, keys: Record<string, unknown>[]) => {
    const touched = sides.early?.touched.get(table);
    if (!touched) return;
    const column = sides.tables.find((t) => t.name === table)!.primaryKey[1]!;
    for (const key of keys) touched.add(bucketOf(String(key[column])));
  };
}

/**
 * Both sides' digests of every table, inside the freeze. Tables compared early are finished
 * by re-hashing only their touched buckets on both sides; every other table is hashed whole.
 * The sums add up, so the figures equal a whole-table digest either way.
 */
async function digestBothSides(
  { from, to, source, target, tables, early }: Sides,
  clinicId: string,
): Promise<[TableFingerprint[], TableFingerprint[]]> {
  const bucketed = tables.filter((table) => early?.touched.has(table.name));
  const whole = tables.filter((table) => !early?.touched.has(table.name));
  const side = async (
    client: pg.Client,
    schema: string,
    before: Map<string, Map<string, Digest>> | undefined,
  ) => {
    const prints = await digestTables(client, schema, clinicId, whole);
    if (early && before) {
      const fresh = await digestBuckets(client, schema, clinicId, bucketed, early.touched);
      for (const table of bucketed) {
        const buckets = new Map(before.get(table.name));
        for (const bucket of early.touched.get(table.name)!) buckets.delete(bucket);
        for (const [bucket, digest] of fresh.get(table.name)!) buckets.set(bucket, digest);
        prints.push(sumBuckets(table.name, buckets));
      }
    }
    const order = new Map(tables.map((table, i) => [table.name, i]));
    return prints.sort((a, b) => order.get(a.table)! - order.get(b.table)!);
  };
  return Promise.all([
    side(source, from.schema, early?.source),
    side(target, to.schema, early?.target),
  ]);
}

async function verify(
  registry: pg.Client,
  clinic: ClinicRecord,
  move: MoveRecord,
  sides: Sides,
  options: MoveOptions,
): Promise<StepResult> {
  const { from, to, source, target, tables } = sides;
  const started = Date.now();
  // Both sides at once, each on its own session: the clinic is frozen, so they hold still.
  const [sourcePrints, targetPrints] = await digestBothSides(sides, clinic.id);
  const differences = fingerprintDifferences(sourcePrints, targetPrints);
  let problem =
    differences.length > 0
      ? `Verification failed: ${differences
          .map(
            (d) =>
              `${d.table} (source ${d.source?.rows ?? 0} rows, target ${d.target?.rows ?? 0} rows${d.source?.rows === d.target?.rows ? ', content differs' : ''})`,
          )
          .join('; ')}`
      : undefined;
  if (!problem) {
    const broken = await brokenAuditChain(target, to.schema, clinic.id);
    if (broken)
      problem = `Verification failed: the audit chain breaks at seq ${broken} on the target`;
  }
  if (!problem && options.checkTarget) {
    const at = appEndpoint(move.to, options);
    const db = createTenantClient({
      connectionString: at.url,
      schema: at.schema,
      maxConnections: 1,
    });
    try {
      const bound = { ...clinic, mode: move.to.mode, schema: at.schema };
      const found = await runWithClinic(bound, () => options.checkTarget!(db, bound));
      if (found) problem = `Verification failed on the target: ${found}`;
    } finally {
      await db.$disconnect();
    }
  }
  if (problem) {
    // Stop, and give the clinic back its writes where it is; the copy starts over on resume.
    await unfreezeRows(source, from.schema, tables, clinic.id);
    await registry.query("UPDATE clinics SET status = 'active', updated_at = now() WHERE id = $1", [
      clinic.id,
    ]);
    const reset = Object.fromEntries(
      Object.entries(move.tables).map(([name, entry]) => [name, { ...entry, copied: false }]),
    );
    await updateMove(registry, move.id, {
      step: 'copy',
      tables: reset,
      frozenAt: null,
      checksums: { source: sourcePrints, target: targetPrints },
    });
    await auditMove(registry, options, clinic, move.from, 'clinic.move.verify_failed', move, {
      moveId: move.id,
      problem,
    });
    throw new MoveError('VERIFY_MISMATCH', problem);
  }
  return {
    step: 'flip',
    checksums: {
      source: sourcePrints,
      target: targetPrints,
      columns: Object.fromEntries(
        tables.map((table) => [table.name, table.columns.map((column) => column.name)]),
      ),
    },
    timings: {
      verifyMs: Date.now() - started,
      // How much was re-hashed while frozen (the playbook's figures come from these).
      rehashedBuckets: [...(sides.early?.touched.values() ?? [])].reduce(
        (sum, buckets) => sum + buckets.size,
        0,
      ),
    },
  };
}

async function smokeTest(
  registry: pg.Client,
  clinic: ClinicRecord,
  move: MoveRecord,
  options: MoveOptions,
): Promise<void> {
  const router = new TenantRouter({
    connectionString: options.appUrl,
    resolveDatabaseUrl: (ref) =>
      appEndpoint({ mode: 'database', schema: null, databaseUrlRef: ref }, options).url,
    connectionBudget: 4,
    sharedConnections: 2,
    connectionsPerDatabase: 2,
  });
  try {
    // The registry still says frozen: the router must route it anyway (only suspended is hidden).
    const problem = await router.withClinic(clinic.id, async (db, routed) => {
      if (!sameLocation(locationOf(routed), move.to)) {
        return `the router still sends ${routed.slug} to ${describeLocation(locationOf(routed))}`;
      }
      // Every table's count on the new route in one round trip, against the verified counts.
      const expected = move.checksums.target ?? [];
      const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;
      const [seen] = await db.$queryRawUnsafe<Record<string, number>[]>(
        `SELECT ${expected.map((entry, i) => `(SELECT count(*)::int FROM ${quote(entry.table)}) AS t${i}`).join(', ')}`,
      );
      const wrong = expected.find((entry, i) => seen?.[`t${i}`] !== entry.rows);
      if (wrong) {
        const i = expected.indexOf(wrong);
        return `${wrong.table}: ${seen?.[`t${i}`] ?? 0} rows on the new route, ${wrong.rows} verified`;
      }
      return options.smoke ? options.smoke(db, routed) : undefined;
    });
    if (problem) throw new MoveError('SMOKE_FAILED', `Smoke test failed: ${problem}`);
  } finally {
    await router.close();
  }
  void registry;
}

// ---------------------------------------------------------------------------------------------
// Refusals, plans, rollback and clean-up helpers
// ---------------------------------------------------------------------------------------------

function locationOf(clinic: ClinicRecord): Location {
  return {
    mode: clinic.mode,
    schema: clinic.schemaName,
    databaseUrlRef: clinic.databaseUrlRef,
    databaseServer: clinic.databaseServer ?? null,
  };
}

/** Where a new move goes; a registered server is checked (open, room, secrets) before anything. */
async function requestedTarget(
  registry: pg.Client,
  clinic: ClinicRecord,
  request: Pick<MoveRequest, 'to' | 'databaseUrlRef' | 'server'>,
  options: MoveOptions,
): Promise<Location> {
  if (request.server !== undefined && request.to !== 'database') {
    throw new MoveError('SERVER_REFUSED', 'A database server is for moves to a database only.');
  }
  const to = targetLocation(clinic.slug, request.to, request.databaseUrlRef, request.server);
  if (!sameLocation(locationOf(clinic), to)) {
    await serverTarget(registry, clinic.slug, to, options, { placement: true });
  }
  return to;
}

async function clinicBySlug(registry: pg.Client, slugOrId: string): Promise<ClinicRecord> {
  const clinic = await readClinicRecord(registry as unknown as pg.Pool, slugOrId);
  if (!clinic) throw new MoveError('CLINIC_NOT_FOUND', `No clinic ${slugOrId}.`);
  return clinic;
}

async function clinicToMove(registry: pg.Client, slug: string): Promise<ClinicRecord> {
  const clinic = await clinicBySlug(registry, slug);
  if (clinic.status === 'suspended') {
    throw new MoveError(
      'CLINIC_SUSPENDED',
      `Clinic ${slug} is suspended; a suspended clinic is not moved.`,
    );
  }
  return clinic;
}

async function buildPlan(
  clinic: ClinicRecord,
  to: Location,
  options: MoveOptions,
): Promise<MovePlan> {
  const from = locationOf(clinic);
  if (sameLocation(from, to)) {
    throw new MoveError(
      'ALREADY_THERE',
      `Clinic ${clinic.slug} already lives in ${describeLocation(to)}.`,
    );
  }
  const at = ownerEndpoint(from, options);
  const client = await openMoverSession(at, clinic.id);
  try {
    const tables = await listTenantTables(client, at.schema);
    const planned: MovePlan['tables'] = [];
    for (const table of tables) {
      // One scan of the clinic's rows: their count and their size on disk (without indexes).
      const { rows } = await client.query<{ rows: number; bytes: string }>(
        `SELECT count(*)::int AS rows, coalesce(sum(pg_column_size(t.*)), 0)::text AS bytes
           FROM ${client.escapeIdentifier(at.schema)}.${client.escapeIdentifier(table.name)} t
          WHERE clinic_id = $1`,
        [clinic.id],
      );
      planned.push({
        table: table.name,
        rows: rows[0]!.rows,
        bytes: Math.min(Number(rows[0]!.bytes), Number.MAX_SAFE_INTEGER),
      });
    }
    const totalRows = planned.reduce((sum, entry) => sum + entry.rows, 0);
    return {
      clinic: { id: clinic.id, slug: clinic.slug, status: clinic.status },
      from,
      to,
      tables: planned,
      totalRows,
      totalBytes: planned.reduce((sum, entry) => sum + entry.bytes, 0),
      estimatedSeconds: Math.ceil(
        FIXED_SECONDS +
          totalRows /
            (from.mode === 'database' || to.mode === 'database'
              ? COPY_ROWS_PER_SECOND.acrossDatabases
              : COPY_ROWS_PER_SECOND.sameDatabase),
      ),
      estimatedFreezeSeconds: 1,
    };
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Holds the clinic's move lock for this session (released when it ends, even by a crash). */
async function lockClinic(registry: pg.Client, clinicId: string): Promise<void> {
  const { rows } = await registry.query<{ locked: boolean }>(
    "SELECT pg_try_advisory_lock(hashtextextended('eventora.move:' || $1, 0)) AS locked",
    [clinicId],
  );
  if (!rows[0]?.locked) {
    throw new MoveError('MOVE_IN_PROGRESS', 'Another process is moving this clinic right now.');
  }
}

async function createMove(
  registry: pg.Client,
  clinic: ClinicRecord,
  plan: MovePlan,
  request: MoveRequest,
  options: MoveOptions,
  rollbackOf?: string,
): Promise<MoveRecord> {
  try {
    const move = await insertMove(registry, {
      id: randomUUID(),
      clinicId: clinic.id,
      from: plan.from,
      to: plan.to,
      actor: request.actor,
      reason: request.reason,
      rollbackOf,
      tables: Object.fromEntries(
        plan.tables.map((entry) => [entry.table, { rows: 0, planned: entry.rows, copied: false }]),
      ),
    });
    await auditMove(
      registry,
      options,
      clinic,
      plan.from,
      rollbackOf ? 'clinic.move.rollback_started' : 'clinic.move.started',
      request,
      {
        moveId: move.id,
        from: describeLocation(plan.from),
        to: describeLocation(plan.to),
        rows: plan.totalRows,
      },
    );
    return move;
  } catch (error) {
    if ((error as { code?: string }).code === '23505') {
      throw new MoveError(
        'MOVE_IN_PROGRESS',
        `Clinic ${clinic.slug} already has a move in flight.`,
      );
    }
    throw error;
  }
}

async function discardTarget(
  registry: pg.Client,
  clinic: ClinicRecord,
  move: MoveRecord,
  options: MoveOptions,
): Promise<MoveRecord> {
  const from = ownerEndpoint(move.from, options);
  const source = await openMoverSession(from, clinic.id);
  try {
    const tables = await listTenantTables(source, from.schema);
    await unfreezeRows(source, from.schema, tables, clinic.id);
    await stopCapture(source, from.schema, tables, move.id);
    if (move.step !== 'plan' && move.step !== 'provision') {
      const to = ownerEndpoint(move.to, options);
      const target = await openMoverSession(to, clinic.id, { verbatim: true }).catch(
        () => undefined,
      );
      if (target) {
        try {
          await removeClinicAt(registry, target, to, move.to, tables, clinic.id);
        } finally {
          await target.end().catch(() => undefined);
        }
      }
    }
  } finally {
    await source.end().catch(() => undefined);
  }
  await registry.query(
    "UPDATE clinics SET status = 'active', updated_at = now() WHERE id = $1 AND status <> 'suspended'",
    [clinic.id],
  );
  return updateMove(registry, move.id, { state: 'rolled_back', error: null });
}

/**
 * Takes the clinic's rows out of a place it no longer lives: its own schema or same-server
 * database goes whole (unless another clinic is routed there); in a shared place only its rows
 * and its freeze triggers go.
 */
async function removeClinicAt(
  registry: pg.Client,
  session: pg.Client,
  at: Endpoint,
  location: Location,
  tables: TenantTable[],
  clinicId: string,
): Promise<void> {
  const { rows } = await registry.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM clinics
      WHERE mode = $1 AND coalesce(schema_name, '') = coalesce($2, '') AND coalesce(database_url_ref, '') = coalesce($3, '')`,
    [location.mode, location.schema, location.databaseUrlRef],
  );
  const inUse = (rows[0]?.n ?? 0) > 0;
  const database = sameServerDatabase(location.databaseUrlRef);
  if (location.mode === 'schema' && !inUse) {
    await session.query(
      `DROP SCHEMA IF EXISTS ${session.escapeIdentifier(location.schema!)} CASCADE`,
    );
  } else if (location.mode === 'database' && database && !inUse) {
    await session.end().catch(() => undefined);
    await registry.query(
      `DROP DATABASE IF EXISTS ${registry.escapeIdentifier(database)} WITH (FORCE)`,
    );
  } else {
    await deleteClinicRows(session, at, tables, clinicId);
    await unfreezeRows(session, at.schema, tables, clinicId);
  }
}

async function auditPlatform(
  registry: pg.Client,
  clinicId: string,
  action: string,
  metadata: Record<string, unknown>,
  reason: string,
  operatorId: string | undefined,
): Promise<void> {
  await registry.query(
    `INSERT INTO platform_audit_logs (id, operator_id, action, target_clinic_id, reason, metadata)
     VALUES (gen_random_uuid(), $1, $2, $3, $4, $5)`,
    [operatorId ?? null, action, clinicId, reason, JSON.stringify(metadata)],
  );
}

/**
 * Writes the event to the platform log and to the clinic's own audit log where it lives now
 * (skipped there while it is frozen: the platform log still has it).
 */
async function auditMove(
  registry: pg.Client,
  options: MoveOptions,
  clinic: ClinicRecord,
  where: Location,
  action: string,
  who: { actor: string; reason: string; operatorId?: string },
  metadata: Record<string, unknown>,
): Promise<void> {
  await auditPlatform(
    registry,
    clinic.id,
    action,
    { ...metadata, actor: who.actor },
    who.reason,
    who.operatorId,
  );
  const at = ownerEndpoint(where, options);
  const session = await openMoverSession(at, clinic.id);
  try {
    await session.query(
      `INSERT INTO ${session.escapeIdentifier(at.schema)}.audit_logs (clinic_id, id, actor_type, action, entity_type, entity_id, reason, metadata)
       VALUES ($1::uuid, gen_random_uuid(), 'system', $2, 'clinic', $1::text, $3, $4)`,
      [
        clinic.id,
        action,
        who.reason.slice(0, 500),
        JSON.stringify({ ...metadata, actor: who.actor }),
      ],
    );
  } catch (error) {
    if ((error as { code?: string }).code !== 'EV001') throw error;
  } finally {
    await session.end().catch(() => undefined);
  }
}

async function withRegistry<T>(
  options: MoveOptions,
  work: (registry: pg.Client) => Promise<T>,
): Promise<T> {
  const registry = new pg.Client({
    connectionString: options.ownerUrl,
    application_name: 'eventora-move',
  });
  registry.on('error', () => undefined);
  await registry.connect();
  let crashed = false;
  try {
    return await work(registry);
  } catch (error) {
    crashed = error instanceof SimulatedCrash;
    throw error;
  } finally {
    await closeSession(registry, crashed);
  }
}

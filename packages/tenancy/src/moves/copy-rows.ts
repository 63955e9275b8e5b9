import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';

import { copyableColumns, qualifiedName, type TenantTable } from '../tables';
import { dropSession, type Endpoint } from './location';

/** Below this many rows (as planned) a table is copied through JSON instead of COPY. */
const SMALL_TABLE_ROWS = 2_000;

/**
 * From this many rows, a table of a dedicated target is loaded with its secondary indexes and
 * exclusion constraints dropped, then rebuilt: building the reservations table's GiST
 * exclusion index and its B-trees once costs a fraction of maintaining them row by row.
 */
export const REBUILD_INDEXES_FROM_ROWS = 5_000;

/** Memory for the rebuilds' sorts, for each rebuild's transaction only (the default is 64 MB). */
const REBUILD_MEMORY = '256MB';

/** Where a big table's copy spends its time: the load, each rebuild statement, ANALYZE. */
export interface CopyPhase {
  phase: 'load' | 'rebuild' | 'analyze';
  /** For a rebuild: the statement. */
  detail?: string;
  ms: number;
}

export interface CopyTableOptions {
  /** No other clinic lives at the target: the owner loads the table directly, past its policies. */
  dedicated?: boolean;
  /** Dropped in the load's transaction (a dedicated target's big table loads bare). */
  dropIndexes?: IndexDefinition[];
  /**
   * The source transaction's exported snapshot, when source and target are one database: the
   * target session then reads the rows itself, in that snapshot, with one INSERT … SELECT inside
   * the server (no row crosses the client, none is printed as text and parsed back).
   */
  snapshot?: string;
  /** The source has sent its last row (the source session is free from then on; at once with `snapshot`). */
  onLoaded?: () => void;
  onPhase?: (phase: CopyPhase) => void;
}

/**
 * Copies one table's rows of the clinic from the source session (inside the caller's snapshot
 * transaction) to the target, replacing whatever rows of the clinic the target held: COPY out,
 * COPY in (straight into a dedicated target's table; through a temporary table and one
 * INSERT … SELECT into a shared one), all in one target transaction, so a crash leaves the
 * table as it was. Rows stream through; nothing is buffered whole. `dropIndexes` are dropped in
 * that transaction: the caller has recorded them and rebuilds them after (`buildIndexes`).
 * Returns the rows copied.
 */
export async function copyTable(
  source: pg.Client,
  target: pg.Client,
  from: Endpoint,
  to: Endpoint,
  table: TenantTable,
  clinicId: string,
  expectedRows: number,
  onRows: (rows: number) => void,
  { dedicated = false, dropIndexes = [], snapshot, onLoaded, onPhase }: CopyTableOptions = {},
): Promise<number> {
  if (snapshot) {
    // The source session is not used: whatever waits for it may start now.
    onLoaded?.();
    return copyInside(target, from, to, table, clinicId, onRows, snapshot, dropIndexes, onPhase);
  }
  const columns = copyableColumns(table)
    .map((name) => source.escapeIdentifier(name))
    .join(', ');
  const key = table.primaryKey.map((name) => source.escapeIdentifier(name)).join(', ');
  const targetTable = qualifiedName(target, to.schema, table.name);
  let rows = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      // Text format ends every row with a newline; newlines inside values are escaped.
      let count = 0;
      for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) count++;
      if (count > 0) {
        rows += count;
        try {
          onRows(rows);
        } catch (error) {
          // Stopped mid-stream (a crash point): drop both sessions so both COPYs end at once.
          dropSession(source);
          dropSession(target);
          done(error as Error);
          return;
        }
      }
      done(null, chunk);
    },
  });
  if (expectedRows < SMALL_TABLE_ROWS) {
    // A few rows: one JSON round trip each way beats a temporary table and two COPYs.
    const { rows: found } = await source.query<{ rows: unknown[] | null }>(
      `SELECT json_agg(t ORDER BY ${key}) AS rows FROM ${qualifiedName(source, from.schema, table.name)} t
        WHERE clinic_id = $1`,
      [clinicId],
    );
    const values = found[0]?.rows ?? [];
    await target.query('BEGIN');
    try {
      await target.query(`DELETE FROM ${targetTable} WHERE clinic_id = $1`, [clinicId]);
      if (values.length > 0) {
        await target.query(
          `INSERT INTO ${targetTable} (${columns})
           SELECT ${columns} FROM jsonb_populate_recordset(null::${targetTable}, $1)`,
          [JSON.stringify(values)],
        );
      }
      await target.query('COMMIT');
    } catch (error) {
      await target.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
    onRows(values.length);
    return values.length;
  }
  await target.query('BEGIN');
  try {
    await target.query(`DELETE FROM ${targetTable} WHERE clinic_id = $1`, [clinicId]);
    for (const index of dropIndexes) await target.query(index.drop);
    // COPY FROM is refused on a table under row level security. A dedicated target's table is
    // the clinic's alone and routed to by nobody before the flip: its owner lifts FORCE for this
    // transaction and loads it directly. A shared target's table holds other clinics: the rows
    // go through a temporary table and one INSERT … SELECT, under the policies.
    const forced = dedicated ? await liftForcedRowSecurity(target, targetTable) : false;
    if (!dedicated) {
      await target.query(
        `CREATE TEMPORARY TABLE eventora_move_rows ON COMMIT DROP AS
           SELECT ${columns} FROM ${targetTable} WITH NO DATA`,
      );
    }
    const out = source.query(
      copyTo(
        `COPY (SELECT ${columns} FROM ${qualifiedName(source, from.schema, table.name)}
                WHERE clinic_id = ${source.escapeLiteral(clinicId)}) TO STDOUT`,
      ),
    );
    const loadInto = dedicated ? targetTable : 'eventora_move_rows';
    const into = target.query(copyFrom(`COPY ${loadInto} (${columns}) FROM STDIN`));
    const loading = Date.now();
    await pipeline(out, counter, into);
    onLoaded?.();
    if (dedicated) {
      if (forced) await target.query(`ALTER TABLE ${targetTable} FORCE ROW LEVEL SECURITY`);
    } else {
      await target.query(
        `INSERT INTO ${targetTable} (${columns}) SELECT ${columns} FROM eventora_move_rows`,
      );
    }
    await target.query('COMMIT');
    onPhase?.({ phase: 'load', ms: Date.now() - loading });
    return rows;
  } catch (error) {
    // A COPY broken off mid-stream leaves both sessions mid-protocol, where a ROLLBACK would
    // wait forever: the caller drops the connections and the server rolls back.
    throw new BrokenSessions(error);
  }
}

/**
 * `copyTable` within one database: in one REPEATABLE READ transaction of the target session that
 * imports the source's snapshot, the clinic's rows are replaced by one INSERT … SELECT from the
 * source schema (under both tables' policies: the session binds the clinic). Each schema has its
 * own enum types: such columns cross by label.
 */
async function copyInside(
  target: pg.Client,
  from: Endpoint,
  to: Endpoint,
  table: TenantTable,
  clinicId: string,
  onRows: (rows: number) => void,
  snapshot: string,
  dropIndexes: IndexDefinition[],
  onPhase?: (phase: CopyPhase) => void,
): Promise<number> {
  const targetTable = qualifiedName(target, to.schema, table.name);
  await target.query('BEGIN ISOLATION LEVEL REPEATABLE READ');
  try {
    await target.query(`SET TRANSACTION SNAPSHOT ${target.escapeLiteral(snapshot)}`);
    const { rows: local } = await target.query<{ name: string }>(
      `SELECT quote_ident(typname) AS name FROM pg_type WHERE typnamespace = $1::regnamespace`,
      [to.schema],
    );
    const ownTypes = new Set(local.map((type) => type.name));
    const names = copyableColumns(table);
    const values = names.map((name) => {
      const column = target.escapeIdentifier(name);
      const type = table.columns.find((each) => each.name === name)!.type;
      const base = type.replace(/(\[\])+$/, '');
      return ownTypes.has(base)
        ? `${column}::text::${target.escapeIdentifier(to.schema)}.${base}${type.slice(base.length)}`
        : column;
    });
    // Only this process writes the target, and only before the snapshot: every row to replace is
    // visible to it.
    await target.query(`DELETE FROM ${targetTable} WHERE clinic_id = $1`, [clinicId]);
    for (const index of dropIndexes) await target.query(index.drop);
    const started = Date.now();
    const { rowCount } = await target.query(
      `INSERT INTO ${targetTable} (${names.map((name) => target.escapeIdentifier(name)).join(', ')})
       SELECT ${values.join(', ')} FROM ${qualifiedName(target, from.schema, table.name)}
        WHERE clinic_id = $1`,
      [clinicId],
    );
    onRows(rowCount ?? 0);
    await target.query('COMMIT');
    onPhase?.({ phase: 'load', ms: Date.now() - started });
    return rowCount ?? 0;
  } catch (error) {
    // Stopped before the commit (a crash point, or a failure): the caller drops the session.
    throw new BrokenSessions(error);
  }
}

/**
 * Lifts FORCE ROW LEVEL SECURITY from the table for the caller's transaction (its owner then
 * writes it without the policies); answers whether it was forced, to be put back before commit.
 */
async function liftForcedRowSecurity(client: pg.Client, qualified: string): Promise<boolean> {
  const { rows } = await client.query<{ forced: boolean }>(
    `SELECT relforcerowsecurity AS forced FROM pg_class WHERE oid = $1::regclass`,
    [qualified],
  );
  const forced = rows[0]?.forced ?? false;
  if (forced) await client.query(`ALTER TABLE ${qualified} NO FORCE ROW LEVEL SECURITY`);
  return forced;
}

/**
 * A secondary index, unique or exclusion constraint of a table: what a bare load drops and the
 * rebuild puts back exactly as it was (read from the catalog).
 */
export interface IndexDefinition {
  /** The index's name (a constraint's index bears the constraint's name). */
  name: string;
  create: string;
  /** IF EXISTS: a load that runs again drops what is there, whatever an earlier one left. */
  drop: string;
  /** A unique or exclusion constraint: its build locks the table against reads too. */
  exclusive: boolean;
}

/**
 * The table's secondary indexes, unique and exclusion constraints, as statements. The primary
 * key is not among them (catch-up finds rows by it), nor any index a foreign key relies on.
 */
export async function secondaryIndexes(
  client: pg.Client,
  schema: string,
  table: string,
): Promise<IndexDefinition[]> {
  const { rows } = await client.query<{
    name: string;
    definition: string;
    constraint: string | null;
    constraintDefinition: string | null;
  }>(
    `SELECT ic.relname AS name, pg_get_indexdef(i.indexrelid) AS definition,
            con.conname AS constraint, pg_get_constraintdef(con.oid) AS "constraintDefinition"
       FROM pg_index i
       JOIN pg_class ic ON ic.oid = i.indexrelid
       JOIN pg_class t ON t.oid = i.indrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace
       LEFT JOIN pg_constraint con ON con.conindid = i.indexrelid AND con.conrelid = i.indrelid
                                  AND con.contype::text IN ('u', 'x')
      WHERE n.nspname = $1 AND t.relname = $2 AND NOT i.indisprimary
        AND NOT EXISTS (SELECT 1 FROM pg_constraint fk
                         WHERE fk.contype::text = 'f' AND fk.conindid = i.indexrelid)
      ORDER BY con.oid IS NOT NULL, ic.relname`,
    [schema, table],
  );
  const qualified = qualifiedName(client, schema, table);
  return rows.map((row) =>
    row.constraint
      ? {
          name: row.name,
          create: `ALTER TABLE ${qualified} ADD CONSTRAINT ${client.escapeIdentifier(row.constraint)} ${row.constraintDefinition}`,
          drop: `ALTER TABLE ${qualified} DROP CONSTRAINT IF EXISTS ${client.escapeIdentifier(row.constraint)}`,
          exclusive: true,
        }
      : {
          name: row.name,
          create: row.definition,
          drop: `DROP INDEX IF EXISTS ${qualifiedName(client, schema, row.name)}`,
          exclusive: false,
        },
  );
}

/**
 * Builds the indexes a bare load dropped, each in its own transaction (a crash loses at most the
 * one being built), skipping those already there: running it again finishes what a killed run
 * began. `afterEach` hears each index built (a crash point in tests).
 */
export async function buildIndexes(
  client: pg.Client,
  schema: string,
  indexes: IndexDefinition[],
  onPhase?: (phase: CopyPhase) => void,
  afterEach?: (index: IndexDefinition) => void,
): Promise<void> {
  for (const index of indexes) {
    const { rowCount } = await client.query(
      `SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = $1 AND c.relname = $2`,
      [schema, index.name],
    );
    if ((rowCount ?? 0) > 0) continue;
    const started = Date.now();
    await client.query('BEGIN');
    try {
      // The sort runs in memory rather than on disk.
      await client.query(`SET LOCAL maintenance_work_mem = '${REBUILD_MEMORY}'`);
      await client.query(index.create);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
    onPhase?.({ phase: 'rebuild', detail: index.create, ms: Date.now() - started });
    afterEach?.(index);
  }
}

/** Thrown when a session can no longer be used; its connection must be dropped. */
export class BrokenSessions extends Error {
  override readonly name = 'BrokenSessions';

  constructor(readonly reason: unknown) {
    super(reason instanceof Error ? reason.message : String(reason));
  }
}

/** Deletes the clinic's rows from every table at an endpoint, children first. */
export async function deleteClinicRows(
  client: pg.Client,
  at: Endpoint,
  tables: TenantTable[],
  clinicId: string,
): Promise<void> {
  await client.query('BEGIN');
  try {
    for (const table of [...tables].reverse()) {
      await client.query(
        `DELETE FROM ${qualifiedName(client, at.schema, table.name)} WHERE clinic_id = $1`,
        [clinicId],
      );
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

interface LoggedChange {
  seq: string;
  table_name: string;
  key: Record<string, unknown>;
}

/**
 * One round of catch-up: in one snapshot of the source, reads the logged keys and the current
 * rows behind them; on the target, deletes those keys and inserts the rows that still exist
 * (delete-then-insert in one transaction, so swapped unique values never collide); then
 * forgets the applied log entries. Applying an entry twice changes nothing, so a crash
 * between the target's commit and the source's is harmless. `onKeys` hears each table's keys
 * before they are applied. Returns the keys applied.
 */
export async function applyChanges(
  source: pg.Client,
  target: pg.Client,
  from: Endpoint,
  to: Endpoint,
  tables: TenantTable[],
  clinicId: string,
  moveId: string,
  onKeys?: (table: string, keys: Record<string, unknown>[]) => void,
): Promise<number> {
  const log = qualifiedName(source, from.schema, 'tenant_move_changes');
  await source.query('BEGIN ISOLATION LEVEL REPEATABLE READ');
  try {
    const { rows: changes } = await source.query<LoggedChange>(
      `SELECT seq::text, table_name, key FROM ${log} WHERE move_id = $1`,
      [moveId],
    );
    if (changes.length === 0) {
      await source.query('COMMIT');
      return 0;
    }
    const keysByTable = new Map<string, Map<string, Record<string, unknown>>>();
    for (const change of changes) {
      const keys = keysByTable.get(change.table_name) ?? new Map();
      keys.set(JSON.stringify(change.key), change.key);
      keysByTable.set(change.table_name, keys);
    }
    const batches: { table: TenantTable; keys: unknown[]; rows: unknown[] }[] = [];
    for (const table of tables) {
      const keys = [...(keysByTable.get(table.name)?.values() ?? [])];
      if (keys.length === 0) continue;
      onKeys?.(table.name, keys);
      const match = table.primaryKey.map((name) => source.escapeIdentifier(name)).join(', ');
      const sourceTable = qualifiedName(source, from.schema, table.name);
      const { rows } = await source.query<{ rows: unknown[] | null }>(
        `SELECT json_agg(t) AS rows FROM ${sourceTable} t
          WHERE clinic_id = $1 AND (${match}) IN (
            SELECT ${match} FROM jsonb_populate_recordset(null::${sourceTable}, $2))`,
        [clinicId, JSON.stringify(keys)],
      );
      batches.push({ table, keys, rows: rows[0]?.rows ?? [] });
    }
    await applyToTarget(target, to, batches, clinicId);
    await source.query(`DELETE FROM ${log} WHERE move_id = $1 AND seq = ANY($2::bigint[])`, [
      moveId,
      changes.map((change) => change.seq),
    ]);
    await source.query('COMMIT');
    return [...keysByTable.values()].reduce((sum, keys) => sum + keys.size, 0);
  } catch (error) {
    await source.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

async function applyToTarget(
  target: pg.Client,
  to: Endpoint,
  batches: { table: TenantTable; keys: unknown[]; rows: unknown[] }[],
  clinicId: string,
): Promise<void> {
  await target.query('BEGIN');
  try {
    for (const { table, keys } of [...batches].reverse()) {
      const targetTable = qualifiedName(target, to.schema, table.name);
      const match = table.primaryKey
        .map((name) => `t.${target.escapeIdentifier(name)} = k.${target.escapeIdentifier(name)}`)
        .join(' AND ');
      await target.query(
        `DELETE FROM ${targetTable} t USING jsonb_populate_recordset(null::${targetTable}, $2) k
          WHERE t.clinic_id = $1 AND ${match}`,
        [clinicId, JSON.stringify(keys)],
      );
    }
    for (const { table, rows } of batches) {
      if (rows.length === 0) continue;
      const targetTable = qualifiedName(target, to.schema, table.name);
      const columns = copyableColumns(table)
        .map((name) => target.escapeIdentifier(name))
        .join(', ');
      await target.query(
        `INSERT INTO ${targetTable} (${columns})
         SELECT ${columns} FROM jsonb_populate_recordset(null::${targetTable}, $1)`,
        [JSON.stringify(rows)],
      );
    }
    await target.query('COMMIT');
  } catch (error) {
    await target.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

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
const REBUILD_INDEXES_FROM_ROWS = 5_000;

/** Memory for those rebuilds' sorts, for the copy's transaction only (the default is 64 MB). */
const REBUILD_MEMORY = '256MB';

/**
 * Copies one table's rows of the clinic from the source session (inside the caller's snapshot
 * transaction) to the target, replacing whatever rows of the clinic the target held: COPY out,
 * COPY in (straight into a dedicated target's table; through a temporary table and one
 * INSERT … SELECT into a shared one), all in one target transaction, so a crash leaves the
 * table as it was.
 * Rows stream through; nothing is buffered whole. With `dedicated` (no other clinic lives at
 * the target) a big table's secondary indexes are rebuilt after the load, in that same
 * transaction. `onLoaded` hears when the source has sent its last row (the source session is
 * free from then on). Returns the rows copied.
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
  dedicated = false,
  onLoaded?: () => void,
): Promise<number> {
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
    // Index and constraint rebuilds sort in memory rather than on disk.
    await target.query(`SET LOCAL maintenance_work_mem = '${REBUILD_MEMORY}'`);
    await target.query(`DELETE FROM ${targetTable} WHERE clinic_id = $1`, [clinicId]);
    const rebuild =
      dedicated && expectedRows >= REBUILD_INDEXES_FROM_ROWS
        ? await dropSecondaryIndexes(target, to.schema, table.name)
        : [];
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
    await pipeline(out, counter, into);
    onLoaded?.();
    if (dedicated) {
      if (forced) await target.query(`ALTER TABLE ${targetTable} FORCE ROW LEVEL SECURITY`);
    } else {
      await target.query(
        `INSERT INTO ${targetTable} (${columns}) SELECT ${columns} FROM eventora_move_rows`,
      );
    }
    for (const statement of rebuild) await target.query(statement);
    // Fresh statistics, so the clinic's first queries at the target plan well.
    if (rebuild.length > 0) await target.query(`ANALYZE ${targetTable}`);
    await target.query('COMMIT');
    return rows;
  } catch (error) {
    // A COPY broken off mid-stream leaves both sessions mid-protocol, where a ROLLBACK would
    // wait forever: the caller drops the connections and the server rolls back.
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
 * Drops the table's secondary indexes, unique and exclusion constraints (inside the caller's
 * transaction) and answers the statements that recreate them exactly as they were, read from
 * the catalog. The primary key stays (catch-up finds rows by it), and so does any index a
 * foreign key relies on.
 */
async function dropSecondaryIndexes(
  client: pg.Client,
  schema: string,
  table: string,
): Promise<string[]> {
  const { rows } = await client.query<{
    index: string;
    definition: string;
    constraint: string | null;
    constraintDefinition: string | null;
  }>(
    `SELECT quote_ident(ic.relname) AS index, pg_get_indexdef(i.indexrelid) AS definition,
            quote_ident(con.conname) AS constraint,
            pg_get_constraintdef(con.oid) AS "constraintDefinition"
       FROM pg_index i
       JOIN pg_class ic ON ic.oid = i.indexrelid
       JOIN pg_class t ON t.oid = i.indrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace
       LEFT JOIN pg_constraint con ON con.conindid = i.indexrelid AND con.conrelid = i.indrelid
                                  AND con.contype::text IN ('u', 'x')
      WHERE n.nspname = $1 AND t.relname = $2 AND NOT i.indisprimary
        AND NOT EXISTS (SELECT 1 FROM pg_constraint fk
                         WHERE fk.contype::text = 'f' AND fk.conindid = i.indexrelid)
      ORDER BY ic.relname`,
    [schema, table],
  );
  const qualified = qualifiedName(client, schema, table);
  const rebuild: string[] = [];
  for (const row of rows) {
    if (row.constraint) {
      await client.query(`ALTER TABLE ${qualified} DROP CONSTRAINT ${row.constraint}`);
      rebuild.push(
        `ALTER TABLE ${qualified} ADD CONSTRAINT ${row.constraint} ${row.constraintDefinition}`,
      );
    } else {
      await client.query(`DROP INDEX ${client.escapeIdentifier(schema)}.${row.index}`);
      rebuild.push(row.definition);
    }
  }
  return rebuild;
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

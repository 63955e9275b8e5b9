import type { ClientBase } from 'pg';

import { listTenantTables, qualifiedName, type TenantTable } from './list-tenant-tables';

/** One table's share of a clinic: how many rows, and a digest of their content. */
export interface TableFingerprint {
  table: string;
  rows: number;
  /**
   * md5 over the rows' md5s in primary-key order; each row is rendered with its columns in name
   * order, so two targets whose tables list columns in another order still agree.
   */
  checksum: string;
}

/**
 * Session settings that change how values print as text (and so the checksum): pinned for the
 * transaction, so two targets (or two servers) configured differently still agree.
 */
const CANONICAL_TEXT_SETTINGS: Record<string, string> = {
  TimeZone: 'UTC',
  DateStyle: 'ISO, YMD',
  IntervalStyle: 'postgres',
  extra_float_digits: '3',
  bytea_output: 'hex',
};

/**
 * Counts and checksums one clinic's rows in every tenant table of a target (or in `tables`),
 * computed in the database in one REPEATABLE READ, read-only transaction: a consistent
 * snapshot, and nothing but the digests crosses the wire. Binds the clinic for row level
 * security, so it works as the owner role and as the runtime role alike.
 */
export async function clinicFingerprint(
  client: ClientBase,
  options: { schema?: string; clinicId: string; tables?: TenantTable[] },
): Promise<TableFingerprint[]> {
  const schema = options.schema ?? 'public';
  await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  try {
    const tables = options.tables ?? (await listTenantTables(client, schema));
    const fingerprints: TableFingerprint[] = [];
    await pinCanonicalSettings(client, options.clinicId);
    for (const table of tables) {
      fingerprints.push(await fingerprintTable(client, schema, table, options.clinicId));
    }
    await client.query('COMMIT');
    return fingerprints;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/**
 * Binds `clinicId` and pins the text settings for the current transaction (call inside one):
 * the prelude of `fingerprintTable` when a caller runs its own transaction.
 */
export async function pinCanonicalSettings(client: ClientBase, clinicId: string): Promise<void> {
  const names = Object.keys(CANONICAL_TEXT_SETTINGS);
  await client.query(
    `SELECT set_config('app.current_tenant', $1, true), ${names
      .map((_, i) => `set_config($${2 * i + 2}, $${2 * i + 3}, true)`)
      .join(', ')}`,
    [clinicId, ...names.flatMap((name) => [name, CANONICAL_TEXT_SETTINGS[name]])],
  );
}

/**
 * One table's fingerprint for one clinic, inside the caller's transaction (after
 * `pinCanonicalSettings`).
 */
export async function fingerprintTable(
  client: ClientBase,
  schema: string,
  table: TenantTable,
  clinicId: string,
): Promise<TableFingerprint> {
  const columns = table.columns
    .map((column) => column.name)
    .sort()
    .map((name) => client.escapeIdentifier(name))
    .join(', ');
  const key = table.primaryKey.map((name) => client.escapeIdentifier(name)).join(', ');
  const { rows } = await client.query<{ rows: string; checksum: string }>(
    `SELECT count(*) AS rows,
            md5(coalesce(string_agg(md5(ROW(${columns})::text), '' ORDER BY ${key}), '')) AS checksum
       FROM ${qualifiedName(client, schema, table.name)}
      WHERE clinic_id = $1`,
    [clinicId],
  );
  return { table: table.name, rows: Number(rows[0]!.rows), checksum: rows[0]!.checksum };
}

/** The tables whose fingerprints differ between two sides (missing on one side counts). */
export function fingerprintDifferences(
  source: TableFingerprint[],
  target: TableFingerprint[],
): { table: string; source?: TableFingerprint; target?: TableFingerprint }[] {
  const targetByTable = new Map(target.map((entry) => [entry.table, entry]));
  const sourceTables = new Set(source.map((entry) => entry.table));
  const differences = source
    .filter((entry) => {
      const other = targetByTable.get(entry.table);
      return !other || other.rows !== entry.rows || other.checksum !== entry.checksum;
    })
    .map((entry) => ({
      table: entry.table,
      source: entry,
      target: targetByTable.get(entry.table),
    }));
  const onlyOnTarget = target
    .filter((entry) => !sourceTables.has(entry.table))
    .map((entry) => ({ table: entry.table, target: entry }));
  return [...differences, ...onlyOnTarget];
}

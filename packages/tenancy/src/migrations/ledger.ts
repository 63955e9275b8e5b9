import { randomUUID } from 'node:crypto';
import type { ClientBase } from 'pg';
import type { Migration } from './load-migrations';
import { checksumVariants } from './checksum';

// The ledger is Prisma's own `_prisma_migrations` table, column for column, so `prisma migrate
// status` (where Prisma's engine is available) reads our history as its own.

/** A row of `_prisma_migrations`. */
export interface LedgerEntry {
  migrationName: string;
  checksum: string;
  startedAt: Date;
  finishedAt: Date | null;
  rolledBackAt: Date | null;
}

function ledgerTable(client: ClientBase, schema: string): string {
  return `${client.escapeIdentifier(schema)}."_prisma_migrations"`;
}

/** Creates the ledger in `schema` unless it exists (call it holding the migration lock). */
export async function ensureLedger(client: ClientBase, schema: string): Promise<void> {
  await client.query(`
    CREATE TABLE IF NOT EXISTS ${ledgerTable(client, schema)} (
      "id"                  VARCHAR(36) PRIMARY KEY NOT NULL,
      "checksum"            VARCHAR(64) NOT NULL,
      "finished_at"         TIMESTAMPTZ,
      "migration_name"      VARCHAR(255) NOT NULL,
      "logs"                TEXT,
      "rolled_back_at"      TIMESTAMPTZ,
      "started_at"          TIMESTAMPTZ NOT NULL DEFAULT now(),
      "applied_steps_count" INTEGER NOT NULL DEFAULT 0
    )`);
}

/** Every ledger row in the order Prisma reads them; none when the ledger does not exist yet. */
export async function readLedger(client: ClientBase, schema: string): Promise<LedgerEntry[]> {
  const { rows } = await client.query<{ exists: boolean }>(
    'SELECT to_regclass($1) IS NOT NULL AS exists',
    [ledgerTable(client, schema)],
  );
  if (!rows[0]?.exists) return [];
  const ledger = await client.query<LedgerEntry>(`
    SELECT migration_name AS "migrationName", checksum, started_at AS "startedAt",
           finished_at AS "finishedAt", rolled_back_at AS "rolledBackAt"
      FROM ${ledgerTable(client, schema)}
     ORDER BY started_at, migration_name`);
  return ledger.rows;
}

/** Ledger entries that count as applied: finished and not rolled back (as Prisma reads them). */
export function appliedEntries(ledger: LedgerEntry[]): Map<string, LedgerEntry> {
  return new Map(
    ledger
      .filter((entry) => entry.finishedAt !== null && entry.rolledBackAt === null)
      .map((entry) => [entry.migrationName, entry]),
  );
}

/** Records a migration as applied, inside the transaction that applied it. */
export async function recordMigration(
  client: ClientBase,
  schema: string,
  migration: Migration,
  startedAt: Date,
): Promise<void> {
  await client.query(
    `INSERT INTO ${ledgerTable(client, schema)}
       (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
     VALUES ($1, $2, $3, $4, clock_timestamp(), 1)`,
    [randomUUID(), migration.checksum, migration.name, startedAt],
  );
}

/** Schemas read per query by {@link currentSchemas}: each takes two locks (ledger and its key). */
const LEDGERS_PER_QUERY = 250;

/**
 * Which of `schemas` (in the client's database) are current with `migrations` by their ledgers
 * alone, read in a few queries rather than one session per schema: every migration recorded as
 * applied with its checksum (either line-ending variant), no applied migration of the set with
 * another checksum, and no unfinished entry. Anything else — no schema, no ledger, a pending or
 * changed migration, an unfinished one — is left out, for the caller to visit and judge as
 * `migrateTarget` does. Read without the migration lock: a ledger row commits with its
 * migration, so a schema read as current is current.
 */
export async function currentSchemas(
  client: ClientBase,
  schemas: string[],
  migrations: Migration[],
): Promise<Set<string>> {
  const current = new Set<string>();
  if (schemas.length === 0) return current;
  const { rows } = await client.query<{ schema: string }>(
    `SELECT n.nspname AS schema
       FROM pg_namespace n
       JOIN pg_class c ON c.relnamespace = n.oid AND c.relname = '_prisma_migrations'
      WHERE n.nspname = ANY($1::text[]) AND c.relkind IN ('r', 'p')`,
    [schemas],
  );
  const withLedger = rows.map((row) => row.schema);
  const names: string[] = [];
  const checksums: string[] = [];
  for (const migration of migrations) {
    for (const checksum of checksumVariants(migration.sql)) {
      names.push(migration.name);
      checksums.push(checksum);
    }
  }
  for (let at = 0; at < withLedger.length; at += LEDGERS_PER_QUERY) {
    const batch = withLedger.slice(at, at + LEDGERS_PER_QUERY);
    const ledgers = batch
      .map(
        (schema) =>
          `SELECT ${client.escapeLiteral(schema)} AS schema, migration_name, checksum,
                  finished_at IS NOT NULL AND rolled_back_at IS NULL AS applied,
                  finished_at IS NULL AND rolled_back_at IS NULL AS unfinished
             FROM ${ledgerTable(client, schema)}`,
      )
      .join('\nUNION ALL\n');
    const result = await client.query<{ schema: string }>(
      `WITH expected AS (SELECT * FROM unnest($1::text[], $2::text[]) AS e(name, checksum)),
            ledgers AS (${ledgers}),
            judged AS (
              SELECT l.schema, l.migration_name, l.applied, l.unfinished,
                     EXISTS (SELECT 1 FROM expected e WHERE e.name = l.migration_name) AS known,
                     EXISTS (SELECT 1 FROM expected e
                              WHERE e.name = l.migration_name AND e.checksum = l.checksum) AS matches
                FROM ledgers l)
       SELECT schema FROM judged
        GROUP BY schema
       HAVING count(DISTINCT migration_name) FILTER (WHERE applied AND matches) = $3
          AND NOT bool_or(unfinished OR (applied AND known AND NOT matches))`,
      [names, checksums, migrations.length],
    );
    for (const row of result.rows) current.add(row.schema);
  }
  return current;
}

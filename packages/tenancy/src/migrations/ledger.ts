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

/** Ledgers read per query by {@link currentSchemas} (each takes a lock until the query ends). */
const LEDGERS_PER_QUERY = 250;

/**
 * Which of `schemas` (in the client's database) are current with `migrations` by their ledgers
 * alone, read in a few queries rather than one session per schema: every migration of the set
 * applied with its checksum (either line ending) and no entry left unfinished. Anything else —
 * no schema, no ledger, a pending or changed migration, an unfinished entry — is left out, for
 * the caller to visit and judge as `migrateTarget` does. Read without the migration lock: a
 * ledger row commits with its migration, so a schema read as current is current.
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
  const checksums = new Map(migrations.map((m) => [m.name, checksumVariants(m.sql)]));
  for (let at = 0; at < withLedger.length; at += LEDGERS_PER_QUERY) {
    const batch = withLedger.slice(at, at + LEDGERS_PER_QUERY);
    // A plain UNION ALL plans and runs in well under a millisecond per ledger; judging the rows
    // here, as migrateTarget does, is cheaper than any join or aggregate over them in SQL.
    // No parallel workers: each would open every ledger of the batch again.
    if (at === 0) await client.query('SET max_parallel_workers_per_gather = 0');
    const ledgers = await client.query<LedgerEntry & { schema: string }>(
      batch
        .map(
          (schema) =>
            `SELECT ${client.escapeLiteral(schema)} AS schema,
                    migration_name AS "migrationName", checksum, started_at AS "startedAt",
                    finished_at AS "finishedAt", rolled_back_at AS "rolledBackAt"
               FROM ${ledgerTable(client, schema)}`,
        )
        .join('\nUNION ALL\n'),
    );
    const bySchema = new Map<string, LedgerEntry[]>();
    for (const entry of ledgers.rows) {
      const ledger = bySchema.get(entry.schema) ?? [];
      ledger.push(entry);
      bySchema.set(entry.schema, ledger);
    }
    for (const [schema, ledger] of bySchema) {
      // In the order readLedger gives: a name applied twice counts as its later entry.
      ledger.sort(
        (a, b) =>
          a.startedAt.getTime() - b.startedAt.getTime() ||
          (a.migrationName < b.migrationName ? -1 : a.migrationName > b.migrationName ? 1 : 0),
      );
      if (isCurrent(ledger, checksums)) current.add(schema);
    }
  }
  return current;
}

/** Every migration applied unchanged and nothing left unfinished: `migrateTarget` would do nothing. */
function isCurrent(ledger: LedgerEntry[], checksums: Map<string, string[]>): boolean {
  const applied = appliedEntries(ledger);
  const unfinished = ledger.some(
    (entry) => entry.finishedAt === null && entry.rolledBackAt === null,
  );
  return (
    !unfinished &&
    [...checksums].every(([name, variants]) => {
      const entry = applied.get(name);
      return entry !== undefined && variants.includes(entry.checksum);
    })
  );
}

import { randomUUID } from 'node:crypto';
import type { ClientBase } from 'pg';
import type { Migration } from './load-migrations';

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

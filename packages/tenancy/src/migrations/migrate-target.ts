import type pg from 'pg';
import {
  appliedEntries,
  ensureLedger,
  readLedger,
  recordMigration,
  type LedgerEntry,
} from './ledger';
import { byName, type Migration } from './load-migrations';
import { matchesChecksum } from './checksum';
import { distributeForCitus } from './citus-distribution';
import { MigrationError } from './migration-error';
import { connectTarget, logMessageOf, schemaOf, type MigrationTarget } from './target';

/** What one target's run did. */
export interface TargetReport {
  target: string;
  /** Migrations applied by this run, in order. */
  applied: string[];
  /** Migrations that were already in the ledger. */
  alreadyApplied: number;
  /** Citus statements run by the Citus step (only where the `citus` extension is installed). */
  citus?: string[];
}

/**
 * Applies the pending migrations to one target, in folder-name order, each in its own
 * transaction together with its ledger row. Holds a session advisory lock on the target's
 * schema meanwhile, so a concurrent runner waits and then finds the work done. Refuses to
 * apply anything when an applied migration's file has changed.
 *
 * With `client` (a session to the target's database) it runs there and leaves the session
 * open, still holding the lock: the caller releases it with `DISCARD ALL` (which also drops
 * any session state a migration set) or by ending the session.
 */
export async function migrateTarget(
  target: MigrationTarget,
  migrations: Migration[],
  options: { log?: (line: string) => void; client?: pg.Client } = {},
): Promise<TargetReport> {
  const log = (line: string) => options.log?.(`[${target.label}] ${line}`);
  const schema = schemaOf(target);
  const ordered = [...migrations].sort((a, b) => byName(a.name, b.name));
  const client = options.client ?? (await connectTarget(target));
  try {
    await prepareTarget(client, target, schema);
    const ledger = await readLedger(client, schema);
    const applied = appliedEntries(ledger);
    refuseUnsafeHistory(target, ordered, ledger, applied);

    const unknown = [...applied.keys()].filter((name) => !ordered.some((m) => m.name === name));
    if (unknown.length > 0) log(`warning: applied but not on disk: ${unknown.join(', ')}`);

    const pending = ordered.filter((migration) => !applied.has(migration.name));
    const report: TargetReport = {
      target: target.label,
      applied: [],
      alreadyApplied: ordered.length - pending.length,
    };
    for (const migration of pending) {
      const started = Date.now();
      await applyMigration(client, target, schema, migration);
      report.applied.push(migration.name);
      log(`applied ${migration.name} (${Date.now() - started} ms)`);
    }
    if (pending.length === 0) log(`up to date (${report.alreadyApplied} applied)`);
    // Every run, not only one that applied something: it also catches a step that failed before.
    if (schema === 'public') {
      const citus = await citusStep(client, target);
      if (citus.length > 0) {
        report.citus = citus;
        log(`Citus: ${citus.length} table(s) distributed or made reference tables`);
      }
    }
    return report;
  } finally {
    // Ending the session releases the advisory lock.
    if (!options.client) await client.end().catch(() => undefined);
  }
}

async function citusStep(client: pg.Client, target: MigrationTarget): Promise<string[]> {
  try {
    return await distributeForCitus(client, 'public');
  } catch (error) {
    throw new MigrationError(
      'FAILED',
      `The Citus step failed on target ${target.label}: ${logMessageOf(error)}`,
      target.label,
      undefined,
      { cause: error },
    );
  }
}

/** Takes the target's migration lock, then creates its schema and ledger if missing. */
async function prepareTarget(
  client: pg.Client,
  target: MigrationTarget,
  schema: string,
): Promise<void> {
  try {
    await client.query(
      "SELECT pg_advisory_lock(hashtextextended('eventora.migrate:' || current_database() || ':' || $1, 0))",
      [schema],
    );
    const { rowCount } = await client.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [
      schema,
    ]);
    if (!rowCount) await client.query(`CREATE SCHEMA ${client.escapeIdentifier(schema)}`);
    await ensureLedger(client, schema);
  } catch (error) {
    throw new MigrationError(
      'TARGET_UNAVAILABLE',
      `Cannot prepare target ${target.label} (schema ${schema}): ${logMessageOf(error)}`,
      target.label,
      undefined,
      { cause: error },
    );
  }
}

function refuseUnsafeHistory(
  target: MigrationTarget,
  migrations: Migration[],
  ledger: LedgerEntry[],
  applied: Map<string, LedgerEntry>,
): void {
  const unfinished = ledger.find(
    (entry) =>
      entry.finishedAt === null && entry.rolledBackAt === null && !applied.has(entry.migrationName),
  );
  if (unfinished) {
    throw new MigrationError(
      'UNFINISHED',
      `Target ${target.label}: migration ${unfinished.migrationName} was started and never finished ` +
        `(a failed \`prisma migrate deploy\`?); repair the database, then mark it rolled back or applied ` +
        `(\`prisma migrate resolve\`, or set rolled_back_at in _prisma_migrations).`,
      target.label,
      unfinished.migrationName,
    );
  }
  const modified = migrations.filter((migration) => {
    const entry = applied.get(migration.name);
    return entry !== undefined && !matchesChecksum(migration.sql, entry.checksum);
  });
  const [first] = modified;
  if (first) {
    throw new MigrationError(
      'CHECKSUM_MISMATCH',
      `Target ${target.label}: ${modified.map((m) => m.name).join(', ')} changed after being applied; ` +
        'applied migrations are immutable: restore the file and put the change in a new migration.',
      target.label,
      first.name,
    );
  }
}

async function applyMigration(
  client: pg.Client,
  target: MigrationTarget,
  schema: string,
  migration: Migration,
): Promise<void> {
  const searchPath = [...new Set([schema, 'public'])]
    .map((s) => client.escapeIdentifier(s))
    .join(', ');
  await client.query('BEGIN');
  try {
    // Unqualified DDL lands in the target schema; extensions installed in public are found.
    await client.query(`SET LOCAL search_path TO ${searchPath}`);
    const { rows } = await client.query<{ now: Date }>('SELECT clock_timestamp() AS now');
    // The whole file in one simple-protocol query: never split on `;` ($$ bodies, DO blocks).
    await client.query(migration.sql);
    await recordMigration(client, schema, migration, rows[0]!.now);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw new MigrationError(
      'FAILED',
      `Migration ${migration.name} failed on target ${target.label} and was rolled back: ${describe(error, migration.sql)}`,
      target.label,
      migration.name,
      { cause: error },
    );
  }
}

/** The database's message, with the line of migration.sql it points at when it says. */
function describe(error: unknown, sql: string): string {
  const position = Number((error as { position?: string }).position);
  if (!Number.isInteger(position) || position < 1) return logMessageOf(error);
  const line = sql.slice(0, position - 1).split('\n').length;
  return `${logMessageOf(error)} (migration.sql line ${line})`;
}

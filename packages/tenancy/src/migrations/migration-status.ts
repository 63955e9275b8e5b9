import { matchesChecksum } from './checksum';
import { appliedEntries, readLedger } from './ledger';
import { byName, type Migration } from './load-migrations';
import { connectTarget, schemaOf, type MigrationTarget } from './target';

/** How a target's ledger compares with the migration folders on disk. */
export interface TargetStatus {
  target: string;
  /** Applied, and the file is unchanged. */
  applied: string[];
  /** On disk, not applied yet. */
  pending: string[];
  /** Applied, but the file has changed since (checksum differs). */
  modified: string[];
  /** Applied, but no such folder on disk: drift, or code older than the database. */
  unknown: string[];
}

/** Reads a target's ledger and compares it with `migrations`; changes nothing. */
export async function migrationStatus(
  target: MigrationTarget,
  migrations: Migration[],
): Promise<TargetStatus> {
  const client = await connectTarget(target);
  try {
    const applied = appliedEntries(await readLedger(client, schemaOf(target)));
    const onDisk = new Set(migrations.map((migration) => migration.name));
    const status: TargetStatus = {
      target: target.label,
      applied: [],
      pending: [],
      modified: [],
      unknown: [],
    };
    for (const migration of [...migrations].sort((a, b) => byName(a.name, b.name))) {
      const entry = applied.get(migration.name);
      if (!entry) status.pending.push(migration.name);
      else if (matchesChecksum(migration.sql, entry.checksum)) status.applied.push(migration.name);
      else status.modified.push(migration.name);
    }
    status.unknown = [...applied.keys()].filter((name) => !onDisk.has(name));
    return status;
  } finally {
    await client.end().catch(() => undefined);
  }
}

import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { checksumOf } from './checksum';
import { MigrationError } from './migration-error';

/** One Prisma-format migration: its folder name, its SQL and the SHA-256 Prisma records for it. */
export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

/** Prisma's order: folder names compared code unit by code unit (never by locale). */
export function byName(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Reads `<dir>/<timestamp>_<name>/migration.sql` for every folder in `dir`, sorted by folder
 * name as Prisma sorts them. Files beside the folders (migration_lock.toml) are ignored.
 */
export async function loadMigrations(dir: string): Promise<Migration[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const folders = entries
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.'))
    .map((entry) => entry.name)
    .sort(byName);
  return Promise.all(
    folders.map(async (name) => {
      const file = path.join(dir, name, 'migration.sql');
      const bytes = await readFile(file).catch((error: unknown) => {
        throw new MigrationError(
          'INVALID_MIGRATION',
          `Migration folder ${name} has no readable migration.sql (${file})`,
          undefined,
          name,
          { cause: error },
        );
      });
      return { name, sql: bytes.toString('utf8'), checksum: checksumOf(bytes) };
    }),
  );
}
